/** `vidu generate <model>`: validate, submit, follow, download. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { validateRequest, type SubmitOperationId, type SubmitRequestBody } from '@vidukit/client';
import { buildBody, specFromFlags, type GenerateFlags, type Problem } from '../body.js';
import { connect, type Connection, type GlobalOptions } from '../connection.js';
import { EXIT, reportFailure, reportInterrupted, reportProblems } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { formatBytes, type Output } from '../output.js';
import { taskProgress, type TaskProgress } from '../progress.js';
import { isModelName, MODEL_NAMES } from '../spec.js';
import { defaultOut, resultJson, resumeCommand, waitAndSave } from '../task.js';

export interface GenerateCommandOptions extends GenerateFlags {
  timeout?: string;
}

/** Every problem in the options and the request body, found before anything is sent. */
export async function checkJob(
  job: Parameters<typeof buildBody>[0],
  baseDir: string,
  earlier: Problem[],
): Promise<{ operationId: SubmitOperationId; body: Record<string, unknown>; problems: Problem[] }> {
  const built = await buildBody(job, baseDir);
  // Images are read concurrently: list their problems in a stable order.
  const fromBody = [...built.problems].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  const problems = [...earlier, ...fromBody];
  const seen = new Set(problems.map((p) => p.path));
  for (const issue of validateRequest(built.operationId, built.body as never)) {
    // A field already reported (an unreadable image, a flag the model lacks) is not repeated.
    if (seen.has(issue.path) && problems.some((p) => p.path === issue.path)) continue;
    problems.push({ path: issue.path, message: issue.message });
  }
  if (job.out !== undefined) {
    const dir = dirname(resolve(baseDir, job.out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push({ path: '', flag: '--out', message: `directory ${dir} does not exist` });
  }
  return { operationId: built.operationId, body: built.body, problems };
}

export function parseTimeout(value: string | undefined, problems: Problem[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) {
    problems.push({ path: '', flag: '--timeout', message: `must be a positive number of seconds, got ${JSON.stringify(value)}` });
    return undefined;
  }
  return n * 1000;
}

export async function generateCommand(
  model: string,
  flags: GenerateCommandOptions,
  g: GlobalOptions,
  out: Output,
  intr: InterruptScope,
): Promise<number> {
  if (!isModelName(model)) {
    return reportProblems(out, [{ path: '', flag: '<model>', message: `unknown model ${JSON.stringify(model)}; one of ${MODEL_NAMES.join(', ')} (see vidu models)` }]);
  }
  const { job, problems: parsed } = specFromFlags(model, flags);
  const timeoutMs = parseTimeout(flags.timeout, parsed);
  const { operationId, body, problems } = await checkJob(job, process.cwd(), parsed);
  if (problems.length > 0) return reportProblems(out, problems, { model, operationId });

  let conn: Connection;
  try {
    conn = await connect(g, out, { allowEmbedded: true });
  } catch (error) {
    return reportFailure(out, error);
  }
  let taskId: string | undefined;
  let file = flags.out;
  let progress: TaskProgress | undefined;
  const resume = () => resumeCommand(taskId!, file, conn.flags);
  intr.onForceExit(() => {
    progress?.stop();
    if (taskId) out.log(`\ntask ${taskId} keeps running; resume with: ${resume()}`);
  });
  const started = Date.now();
  try {
    out.log(`${out.c.dim('submitting')} ${model} (${operationId}) to ${conn.target}`);
    // Not aborted by Ctrl-C: the answer carries the task id, which must not be lost.
    const submitted = await conn.client.submit(operationId, body as SubmitRequestBody<typeof operationId>);
    taskId = submitted.task_id;
    file ??= defaultOut(taskId);
    out.log(`task ${out.c.bold(taskId)} submitted`);
    if (intr.interrupted) return reportInterrupted(out, { taskId, resume: resume(), embedded: conn.embedded });

    progress = taskProgress(out);
    const saved = await waitAndSave(conn.client, taskId, {
      signal: intr.signal,
      progress,
      out: file,
      notFoundGraceMs: 15_000,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    progress.stop();
    const abs = resolve(file);
    out.log(`${out.c.green('done:')} task ${taskId} succeeded in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    out.out(`saved ${abs} (${formatBytes(saved.bytes ?? 0)})`);
    out.result({
      ok: true,
      exitCode: EXIT.ok,
      model,
      operationId,
      taskId,
      file: abs,
      bytes: saved.bytes,
      simulator: conn.embedded,
      elapsedMs: Date.now() - started,
      result: resultJson(saved.result),
    });
    return EXIT.ok;
  } catch (error) {
    progress?.stop();
    if (intr.interrupted) return reportInterrupted(out, { taskId, resume: taskId ? resume() : undefined, embedded: conn.embedded });
    return reportFailure(out, error, { taskId, resume: taskId && !conn.embedded ? resume() : undefined });
  } finally {
    await conn.close();
  }
}
