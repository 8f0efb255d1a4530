/**
 * Errors -> what a person (or a script) sees, and the exit code: 0 done, 1 API or task
 * failure, 2 invalid input (every problem listed), 130 interrupted.
 */
import { ApiError, SubmitOutcomeUnknownError, ValidationError, ViduError } from '@vidukit/client';
import { TaskFailedError, WaitTimeoutError } from '@vidukit/polling/node';
import { flagForPath, type Problem } from './body.js';
import { UsageProblem } from './connection.js';
import { EXIT_INTERRUPTED } from './interrupt.js';
import type { Output } from './output.js';

export const EXIT = { ok: 0, failure: 1, invalid: 2, interrupted: EXIT_INTERRUPTED } as const;

export function problemLine(p: Problem): string {
  const flag = p.flag ?? flagForPath(p.path);
  const where = [p.path, flag && flag !== p.path ? `(${flag})` : ''].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Lists every problem; exit code 2. Nothing was sent. */
export function reportProblems(out: Output, problems: Problem[], extra: Record<string, unknown> = {}): number {
  out.error(`invalid input, nothing was sent (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
  for (const p of problems) out.log(`  - ${problemLine(p)}`);
  out.result({ ok: false, exitCode: EXIT.invalid, error: { name: 'ValidationError', message: 'invalid input' }, issues: problems, ...extra });
  return EXIT.invalid;
}

export interface FailureContext {
  taskId?: string;
  /** The command that picks the task up again. */
  resume?: string;
}

function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof ViduError) return error.toJSON();
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Prints an error with its task id (and how to resume) and returns the exit code. */
export function reportFailure(out: Output, error: unknown, ctx: FailureContext = {}): number {
  if (error instanceof UsageProblem) {
    out.error(error.message);
    out.result({ ok: false, exitCode: EXIT.invalid, error: errorJson(error) });
    return EXIT.invalid;
  }
  if (error instanceof ValidationError) {
    return reportProblems(out, error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  const taskId = ctx.taskId ?? (error as { taskId?: string } | undefined)?.taskId;
  const c = out.c;
  if (error instanceof TaskFailedError) {
    out.error(`task ${c.bold(error.taskId)} failed: ${error.reason || 'no reason given'}`);
  } else if (error instanceof WaitTimeoutError) {
    out.error(`${error.message}`);
  } else if (error instanceof SubmitOutcomeUnknownError) {
    out.error(error.message);
    out.warn('check your provider dashboard before submitting again: a second submit is billed again');
  } else if (error instanceof ApiError) {
    out.error(`${error.message}${error.requestId ? ` (request id ${error.requestId})` : ''}`);
  } else if (error instanceof Error) {
    out.error(error.message);
  } else {
    out.error(String(error));
  }
  if (taskId) out.log(`task id: ${c.bold(taskId)}`);
  const resumable = !(error instanceof TaskFailedError) && ctx.resume;
  if (resumable) out.log(`resume with: ${ctx.resume}`);
  out.result({
    ok: false,
    exitCode: EXIT.failure,
    ...(taskId ? { taskId } : {}),
    error: errorJson(error),
    ...(resumable ? { resume: ctx.resume } : {}),
  });
  return EXIT.failure;
}

/** The interrupted message: the task id and the exact command that resumes it. */
export function reportInterrupted(out: Output, ctx: FailureContext & { embedded?: boolean }): number {
  out.log('');
  if (ctx.taskId) {
    out.log(`${out.c.yellow('interrupted.')} task ${out.c.bold(ctx.taskId)} keeps running on the server.`);
    if (ctx.embedded) out.log('it ran on the embedded simulator, which stops with this process, so it cannot be resumed.');
    else if (ctx.resume) out.log(`resume with: ${ctx.resume}`);
  } else {
    out.log(`${out.c.yellow('interrupted')} before any task was submitted.`);
  }
  out.result({
    ok: false,
    exitCode: EXIT.interrupted,
    interrupted: true,
    ...(ctx.taskId ? { taskId: ctx.taskId } : {}),
    ...(ctx.resume && !ctx.embedded ? { resume: ctx.resume } : {}),
  });
  return EXIT.interrupted;
}
