/**
 * Everything that is checked before a submit: the options, the images, the request body
 * against the spec (the client's validateRequest), and where the video will be written.
 * Problems are collected, never thrown: the caller lists them all and sends nothing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { validateRequest, type SubmitOperationId } from '@vidukit/client';
import { MODELS, type ModelName } from '../spec.js';
import { buildBody } from './build.js';
import type { JobSpec } from './job-spec.js';
import { fsMessage, type Problem } from './problems.js';

export interface CheckedJob {
  operationId: SubmitOperationId;
  body: Record<string, unknown>;
  problems: Problem[];
}

/** Every problem in the options and the request body, found before anything is sent. */
export async function checkJob(job: JobSpec, baseDir: string, earlier: Problem[]): Promise<CheckedJob> {
  const built = await buildBody(job, baseDir);
  // Images are read concurrently: list their problems in a stable order.
  const fromBody = [...built.problems].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  return finish(built.operationId, built.body, [...earlier, ...fromBody], job.out, baseDir);
}

/**
 * `--body job.json` (or `-` for standard input): the request body as the API takes it, for
 * any model the spec has, checked against that model's schema like any other body.
 */
export function checkBodyFile(model: ModelName, file: string, earlier: Problem[], out: string | undefined, read: () => string): CheckedJob {
  const operationId = MODELS[model];
  const problems = [...earlier];
  let text: string;
  try {
    text = file === '-' ? read() : readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ path: '', flag: '--body', message: fsMessage(error, 'read', file) });
    return { operationId, body: {}, problems };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    problems.push({ path: '', flag: '--body', message: `${file} is not valid JSON: ${(error as Error).message}` });
    return { operationId, body: {}, problems };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    problems.push({ path: '', flag: '--body', message: `${file} must hold one JSON object (the request body of ${model}; see vidu models ${model})` });
    return { operationId, body: {}, problems };
  }
  return finish(operationId, body as Record<string, unknown>, problems, out, process.cwd());
}

function finish(operationId: SubmitOperationId, body: Record<string, unknown>, problems: Problem[], out: string | undefined, baseDir: string): CheckedJob {
  const seen = new Set(problems.map((p) => p.path));
  for (const issue of validateRequest(operationId, body as never)) {
    // A field already reported (an unreadable image, a flag the model lacks) is not repeated.
    if (seen.has(issue.path)) continue;
    problems.push({ path: issue.path, message: issue.message });
  }
  if (out !== undefined) {
    const dir = dirname(resolve(baseDir, out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push({ path: '', flag: '--out', message: `directory ${dir} does not exist` });
  }
  return { operationId, body, problems };
}

export function parseTimeout(value: string | undefined, problems: Problem[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) {
    problems.push({ path: '', flag: '--timeout', message: `must be a positive number of seconds, got ${JSON.stringify(value)}` });
    return undefined;
  }
  return n * 1000;
}
