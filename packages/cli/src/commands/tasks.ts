/** `vidu status`, `vidu wait` and `vidu download`: one task id each. */
import { resolve } from 'node:path';
import type { GlobalOptions } from '../connection.js';
import { EXIT, reportFailure, reportInterrupted, reportProblems } from '../failure.js';
import type { Problem } from '../body/problems.js';
import type { InterruptScope } from '../interrupt.js';
import { formatBytes, formatSeconds, safe, statusLabel, type Output } from '../output.js';
import { taskProgress, type TaskProgress } from '../progress.js';
import { defaultOut, failedError, readTask, resultJson, resumeCommand, save, waitAndSave } from '../task.js';
import { parseTimeout } from '../body/check.js';
import { withConnection } from './with-connection.js';

export function statusCommand(taskId: string, g: GlobalOptions, out: Output, intr: InterruptScope): Promise<number> {
  return withConnection(g, out, async (conn) => {
    try {
      const r = await readTask(conn.client, taskId, intr.signal);
      const c = out.c;
      const colour = r.status === 'TASK_STATUS_SUCCEED' ? c.green : r.status === 'TASK_STATUS_FAILED' ? c.red : c.cyan;
      out.out(`task     ${safe(r.taskId)}`);
      out.out(`status   ${colour(statusLabel(r.status))}${r.progressPercent !== undefined && !r.isTerminal ? ` ${Math.round(r.progressPercent)}%` : ''}`);
      if (r.etaSeconds !== undefined && !r.isTerminal) out.out(`eta      ${formatSeconds(r.etaSeconds)}`);
      if (r.reason) out.out(`reason   ${safe(r.reason)}`);
      if (r.taskType) out.out(`type     ${safe(r.taskType)}`);
      if (r.seed !== undefined) out.out(`seed     ${safe(r.seed)}`);
      for (const v of r.videos) {
        out.out(`video    ${safe(v.url)}${v.expiresAt ? c.dim(` (expires ${v.expiresAt.toISOString()})`) : ''}`);
      }
      out.result({ ok: true, exitCode: EXIT.ok, ...resultJson(r) });
      return EXIT.ok;
    } catch (error) {
      if (intr.interrupted) return reportInterrupted(out, { taskId });
      return reportFailure(out, error, { taskId });
    }
  });
}

export function waitCommand(
  taskId: string,
  flags: { out?: string; timeout?: string },
  g: GlobalOptions,
  out: Output,
  intr: InterruptScope,
): Promise<number> {
  const problems: Problem[] = [];
  const timeoutMs = parseTimeout(flags.timeout, problems);
  if (problems.length) return Promise.resolve(reportProblems(out, problems));
  return withConnection(g, out, async (conn) => {
    const resume = resumeCommand(taskId, flags.out, conn.flags);
    let progress: TaskProgress | undefined;
    intr.onForceExit(() => {
      progress?.stop();
      out.log(`\ntask ${safe(taskId)} keeps running; resume with: ${safe(resume)}`);
    });
    try {
      out.log(`waiting for task ${out.c.bold(safe(taskId))} on ${conn.target}`);
      progress = taskProgress(out);
      const saved = await waitAndSave(conn.client, taskId, {
        signal: intr.signal,
        progress,
        ...(flags.out ? { out: flags.out } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
      progress.stop();
      out.log(`${out.c.green('done:')} task ${safe(taskId)} succeeded`);
      if (saved.file) out.out(`saved ${resolve(saved.file)} (${formatBytes(saved.bytes ?? 0)})`);
      else for (const v of saved.result.videos) out.out(safe(v.url));
      out.result({
        ok: true,
        exitCode: EXIT.ok,
        taskId,
        ...(saved.file ? { file: resolve(saved.file), bytes: saved.bytes } : {}),
        result: resultJson(saved.result),
      });
      return EXIT.ok;
    } catch (error) {
      progress?.stop();
      if (intr.interrupted) return reportInterrupted(out, { taskId, resume });
      return reportFailure(out, error, { taskId, resume });
    }
  });
}

export function downloadCommand(
  taskId: string,
  flags: { out?: string },
  g: GlobalOptions,
  out: Output,
  intr: InterruptScope,
): Promise<number> {
  return withConnection(g, out, async (conn) => {
    const file = flags.out ?? defaultOut(taskId);
    const resume = resumeCommand(taskId, file, conn.flags);
    let progress: TaskProgress | undefined;
    try {
      const r = await readTask(conn.client, taskId, intr.signal);
      if (r.status === 'TASK_STATUS_FAILED') throw failedError(r);
      if (r.status !== 'TASK_STATUS_SUCCEED') {
        out.error(`task ${safe(taskId)} is ${statusLabel(r.status)}, not finished: nothing to download yet`);
        out.log(`wait for it with: ${safe(resume)}`);
        out.result({ ok: false, exitCode: EXIT.failure, taskId, status: r.status, resume });
        return EXIT.failure;
      }
      progress = taskProgress(out);
      const saved = await save(conn.client, r, file, { signal: intr.signal, progress });
      progress.stop();
      const abs = resolve(file);
      out.out(`saved ${abs} (${formatBytes(saved.bytes ?? 0)})`);
      out.result({ ok: true, exitCode: EXIT.ok, taskId, file: abs, bytes: saved.bytes, refreshes: saved.refreshes, result: resultJson(saved.result) });
      return EXIT.ok;
    } catch (error) {
      progress?.stop();
      if (intr.interrupted) return reportInterrupted(out, { taskId, resume: `vidu download ${taskId} --out ${file}` });
      return reportFailure(out, error, { taskId });
    }
  });
}
