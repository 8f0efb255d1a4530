/**
 * Errors -> what a person (or a script) sees, and the exit code: 0 done, 1 API or task
 * failure, 2 invalid input (every problem listed), 130 interrupted.
 */
import { ApiError, AuthenticationError, PermissionDeniedError, SubmitOutcomeUnknownError, ValidationError, ViduError } from '@vidukit/client';
import { TaskFailedError, WaitTimeoutError } from '@vidukit/polling/node';
import { UsageProblem } from './connection.js';
import { EXIT } from './exit-codes.js';
import { problemLine, reportProblems } from './report-problems.js';
import { safe, type Output } from './output.js';

export { EXIT };
export { problemLine, reportProblems };

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
    out.error(safe(error.message));
    out.result({ ok: false, exitCode: EXIT.invalid, error: errorJson(error) });
    return EXIT.invalid;
  }
  if (error instanceof ValidationError) {
    return reportProblems(out, error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  const taskId = ctx.taskId ?? (error as { taskId?: string } | undefined)?.taskId;
  const c = out.c;
  const keyless = out.keyless && (error instanceof AuthenticationError || error instanceof PermissionDeniedError);
  // Server text (task ids, reasons, messages) is printed through safe(): no terminal controls.
  if (keyless) {
    out.error(`no API key given, and the server at ${safe(out.keyless)} requires one (HTTP ${(error as ApiError).status}): set VIDU_API_KEY or pass --api-key`);
  } else if (error instanceof TaskFailedError) {
    out.error(`task ${c.bold(safe(error.taskId))} failed: ${safe(error.reason || 'no reason given')}`);
  } else if (error instanceof WaitTimeoutError) {
    out.error(safe(error.message));
  } else if (error instanceof SubmitOutcomeUnknownError) {
    out.error(safe(error.message));
    out.warn('check your provider dashboard before submitting again: a second submit is billed again');
  } else if (error instanceof ApiError) {
    out.error(`${safe(error.message)}${error.requestId ? ` (request id ${safe(error.requestId)})` : ''}`);
  } else if (error instanceof Error) {
    out.error(safe(error.message));
  } else {
    out.error(safe(error));
  }
  if (taskId) out.log(`task id: ${c.bold(safe(taskId))}`);
  const resumable = !(error instanceof TaskFailedError) && ctx.resume;
  if (resumable) out.log(`resume with: ${safe(ctx.resume)}`);
  out.result({
    ok: false,
    exitCode: EXIT.failure,
    ...(taskId ? { taskId } : {}),
    error: keyless ? { ...errorJson(error), message: `no API key given, and the server at ${out.keyless} requires one` } : errorJson(error),
    ...(resumable ? { resume: ctx.resume } : {}),
  });
  return EXIT.failure;
}

/** The interrupted message: the task id and the exact command that resumes it. */
export function reportInterrupted(out: Output, ctx: FailureContext & { embedded?: boolean }): number {
  out.log('');
  if (ctx.taskId) {
    out.log(`${out.c.yellow('interrupted.')} task ${out.c.bold(safe(ctx.taskId))} keeps running on the server.`);
    if (ctx.embedded) out.log('it ran on the embedded simulator, which stops with this process, so it cannot be resumed.');
    else if (ctx.resume) out.log(`resume with: ${safe(ctx.resume)}`);
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

/** An error as one safe line for a table or a log: server text neutralised, a missing key named. */
export function errorText(out: Output, error: unknown): string {
  if (out.keyless && (error instanceof AuthenticationError || error instanceof PermissionDeniedError)) {
    return `no API key given, and the server at ${safe(out.keyless)} requires one (HTTP ${error.status}): set VIDU_API_KEY or pass --api-key`;
  }
  return safe(error instanceof Error ? error.message : error);
}
