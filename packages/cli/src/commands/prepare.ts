/**
 * From the flags of `vidu generate` / `vidu submit` to a checked request body: either built
 * from the option flags, or taken whole from `--body job.json` (any model the spec has).
 */
import { readFileSync } from 'node:fs';
import type { SubmitOperationId } from '@vidukit/client';
import { checkBodyFile, checkJob, parseTimeout, type CheckedJob } from '../body/check.js';
import { specFromFlags, type GenerateFlags } from '../body/job-spec.js';
import type { Problem } from '../body/problems.js';
import { reportProblems } from '../failure.js';
import type { Output } from '../output.js';
import { isModelName, MODEL_NAMES, type ModelName } from '../spec.js';

export interface JobFlags extends GenerateFlags {
  body?: string;
  timeout?: string;
}

/** Flags that build the body; none of them may be combined with --body. */
const BODY_FLAGS: [keyof GenerateFlags, string][] = [
  ['prompt', '--prompt'], ['image', '--image'], ['subject', '--subject'], ['voice', '--voice'], ['keyframe', '--keyframe'],
  ['startImage', '--start-image'], ['duration', '--duration'], ['resolution', '--resolution'], ['aspect', '--aspect'],
  ['movement', '--movement'], ['seed', '--seed'], ['bgm', '--bgm'], ['audio', '--audio'], ['watermark', '--watermark'],
];

export interface Prepared {
  model: ModelName;
  operationId: SubmitOperationId;
  body: Record<string, unknown>;
  timeoutMs: number | undefined;
}

/** The checked body, or the exit code after every problem was listed (nothing sent). */
export async function prepare(model: string, flags: JobFlags, out: Output): Promise<Prepared | number> {
  if (!isModelName(model)) {
    return reportProblems(out, [{ path: '', flag: '<model>', message: `unknown model ${JSON.stringify(model)}; one of ${MODEL_NAMES.join(', ')} (see vidu models)` }]);
  }
  const early: Problem[] = [];
  const timeoutMs = parseTimeout(flags.timeout, early);
  let checked: CheckedJob;
  if (flags.body !== undefined) {
    for (const [key, flag] of BODY_FLAGS) {
      const v = flags[key];
      if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
        early.push({ path: '', flag, message: `cannot be combined with --body (the file is the whole request body)` });
      }
    }
    checked = checkBodyFile(model, flags.body, early, flags.out, () => readFileSync(0, 'utf8'));
  } else {
    const { job, problems } = specFromFlags(model, flags);
    checked = await checkJob(job, process.cwd(), [...early, ...problems]);
  }
  if (checked.problems.length > 0) return reportProblems(out, checked.problems, { model, operationId: checked.operationId });
  return { model, operationId: checked.operationId, body: checked.body, timeoutMs };
}
