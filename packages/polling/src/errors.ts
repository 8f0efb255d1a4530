/**
 * The errors of @vidukit/polling. All extend the client's `ViduError`, and every one raised
 * after a submit carries the task id, so a caller can always find (and resume) the task.
 */
import { AbortError, ViduError, printable, redact, redactDeep, type NormalizedTaskResult } from '@vidukit/client';

/**
 * The task ended with `TASK_STATUS_FAILED`. Not an HTTP error: the provider answered 200.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { TaskFailedError, waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof TaskFailedError) console.log(error.taskId, error.reason); // e.g. "content moderation: the prompt was rejected"
 * });
 * ```
 */
export class TaskFailedError extends ViduError {
  declare taskId: string;
  /** The provider's reason (such as `ILLEGAL_IMAGE_CONTENT`), when it gave one. */
  readonly reason: string | undefined;
  /** The failed result as read (not enumerable: kept out of logs and `toJSON`). */
  declare readonly result: NormalizedTaskResult;

  constructor(taskId: string, reason: string | undefined, result: NormalizedTaskResult) {
    super(`Task ${taskId} failed${reason ? `: ${reason}` : ' (no reason given)'}`, { taskId, operation: 'getTaskResult' });
    // The provider's text may echo the key: scrubbed like every other field of an error.
    this.reason = reason === undefined ? undefined : redact(reason);
    Object.defineProperty(this, 'result', { value: redactDeep(result), enumerable: false });
  }
}

/**
 * The overall deadline (polls and retries together) passed before the task finished.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { WaitTimeoutError, waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof WaitTimeoutError) console.log(`still ${error.lastStatus} after ${error.timeoutMs} ms; resume with waitForTask(client, '${error.taskId}')`);
 * });
 * ```
 */
export class WaitTimeoutError extends ViduError {
  declare taskId: string;
  /** The last status seen, or undefined when no poll had answered yet. */
  readonly lastStatus: string | undefined;
  /** The deadline that passed, in ms from the start of the wait. */
  readonly timeoutMs: number;

  constructor(taskId: string, lastStatus: string | undefined, timeoutMs: number) {
    super(
      `Task ${taskId} did not finish within ${timeoutMs} ms (last status: ${lastStatus === undefined ? 'none seen' : printable(lastStatus)}); ` +
        'it may still finish: wait for it again with the same task id',
      { taskId, operation: 'getTaskResult' },
    );
    this.lastStatus = lastStatus;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's signal aborted the wait. Extends the client's `AbortError`, so one
 * `instanceof AbortError` check covers both; unlike it, this one always has the task id.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { WaitAbortedError, waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * try {
 *   await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', { signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof WaitAbortedError) console.log(`stopped; task ${error.taskId} was ${error.lastStatus}`);
 * }
 * ```
 */
export class WaitAbortedError extends AbortError {
  declare taskId: string;
  /** The last status seen, or undefined when no poll had answered yet. */
  readonly lastStatus: string | undefined;

  constructor(taskId: string, lastStatus: string | undefined, cause?: unknown) {
    super(`Waiting for task ${taskId} was aborted`, { taskId, cause, operation: 'getTaskResult' });
    this.lastStatus = lastStatus;
  }
}

/**
 * A video download failed: bad status, short body, no video in the result.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { DownloadError, waitForTask } from '@vidukit/polling';
 * import { downloadVideo } from '@vidukit/polling/node';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const result = await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * try {
 *   await downloadVideo(result, 'cat.mp4');
 * } catch (error) {
 *   if (error instanceof DownloadError) console.log(error.status, error.receivedBytes, error.expectedBytes);
 * }
 * ```
 */
export class DownloadError extends ViduError {
  /** The HTTP status of the storage host, when there was an answer. */
  readonly status: number | undefined;
  /** Bytes received before the failure. */
  readonly receivedBytes: number;
  /** Bytes announced by Content-Length, when it was sent. */
  readonly expectedBytes: number | undefined;

  constructor(
    message: string,
    init: { taskId?: string; status?: number; receivedBytes?: number; expectedBytes?: number; cause?: unknown } = {},
  ) {
    super(message, { taskId: init.taskId, cause: init.cause, operation: 'downloadVideo' });
    this.status = init.status;
    this.receivedBytes = init.receivedBytes ?? 0;
    this.expectedBytes = init.expectedBytes;
  }
}

/**
 * Makes sure an error thrown after a submit names its task: sets `taskId` when it is missing
 * (the client's errors have the field), and wraps values that are not objects.
 */
export function withTaskId(error: unknown, taskId: string): unknown {
  if (error && typeof error === 'object') {
    const e = error as { taskId?: unknown };
    if (e.taskId === undefined || e.taskId === null || e.taskId === '') {
      try {
        e.taskId = taskId;
      } catch {
        /* frozen: leave it */
      }
    }
    if (e.taskId === taskId) return error;
  }
  return new ViduError(`Task ${taskId}: ${String(error)}`, { taskId, cause: error });
}
