/** `vidu generate <model>`: validate, submit, follow, download. */
import { resolve } from 'node:path';
import type { SubmitRequestBody } from '@vidukit/client';
import { connect, type Connection, type GlobalOptions } from '../connection.js';
import { EXIT, reportFailure, reportInterrupted } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { formatBytes, safe, type Output } from '../output.js';
import { taskProgress, type TaskProgress } from '../progress.js';
import { defaultOut, resultJson, resumeCommand, waitAndSave } from '../task.js';
import { prepare, type JobFlags } from './prepare.js';

export type GenerateCommandOptions = JobFlags;

export async function generateCommand(
  model: string,
  flags: GenerateCommandOptions,
  g: GlobalOptions,
  out: Output,
  intr: InterruptScope,
): Promise<number> {
  const prepared = await prepare(model, flags, out);
  if (typeof prepared === 'number') return prepared;
  const { operationId, body, timeoutMs } = prepared;

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
    if (taskId) out.log(`\ntask ${safe(taskId)} keeps running; resume with: ${safe(resume())}`);
  });
  const started = Date.now();
  try {
    out.log(`${out.c.dim('submitting')} ${model} (${operationId}) to ${conn.target}`);
    // Not aborted by Ctrl-C: the answer carries the task id, which must not be lost.
    const submitted = await conn.client.submit(operationId, body as SubmitRequestBody<typeof operationId>);
    taskId = submitted.task_id;
    file ??= defaultOut(taskId);
    out.log(`task ${out.c.bold(safe(taskId))} submitted`);
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
    out.log(`${out.c.green('done:')} task ${safe(taskId)} succeeded in ${((Date.now() - started) / 1000).toFixed(1)}s`);
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
