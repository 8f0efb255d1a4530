/**
 * The small structural view of `@vidukit/client` that this package needs. A `ViduClient` fits
 * it, and so does any fake with the same two methods, which is what the unit tests use.
 */
import type { NormalizedTaskResult } from '@vidukit/client';
import type { SubmitOperationId, SubmitRequestBody, TaskResult, TaskStatus } from '@vidukit/types';
import type { Clock } from './clock.js';
import type { Random } from './random.js';
import type { PollSchedule } from './schedule.js';

/** Per-request options passed to the client. */
export interface PollRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
}

/** Anything that can read a task's result (a `ViduClient`). */
export interface TaskReader {
  getTaskResult(taskId: string, opts?: PollRequestOptions): Promise<TaskResult>;
}

/** Anything that can submit a task (a `ViduClient`). */
export interface TaskSubmitter {
  submit<Op extends SubmitOperationId>(
    operationId: Op,
    body: SubmitRequestBody<Op>,
    opts?: PollRequestOptions,
  ): Promise<{ task_id: string; provider_request_id?: string }>;
}

/** A result whose task succeeded. */
export type SucceededTask = NormalizedTaskResult & { status: Extract<TaskStatus, 'TASK_STATUS_SUCCEED'> };

/** What `watchTask` yields and `onProgress` receives: one change in a task's state. */
export interface TaskUpdate {
  taskId: string;
  /** A spec status, or a value the spec does not list (treated as not finished). */
  status: string;
  progressPercent?: number;
  etaSeconds?: number;
  /** True for the last update (succeeded or failed). */
  isTerminal: boolean;
  /** Polls made for this task so far. */
  polls: number;
  /** The full normalised result of the poll that saw the change. */
  result: NormalizedTaskResult;
}

/** Something worth telling the user that does not stop the wait. */
export interface PollWarning {
  /** `UNKNOWN_TASK_STATUS`: the provider sent a status the spec does not list (waited on as not finished). */
  code: 'UNKNOWN_TASK_STATUS';
  taskId: string;
  /** The status as the provider sent it (unescaped: neutralise it before printing it raw). */
  status: string;
  /** A printable sentence (control characters escaped, length bounded). */
  message: string;
}

/** Options shared by every wait. */
export interface WaitOptions {
  /** Stops the wait at once; it rejects with `WaitAbortedError` (task id included). */
  signal?: AbortSignal;
  /**
   * One overall deadline in ms for every poll and retry together (default 1800000, 30 min).
   * `Infinity` waits for ever.
   */
  timeoutMs?: number;
  /**
   * When the task started, on `clock` (default: now). Lets the schedule know the task's age.
   * On the system clock this is `performance.now()` time (monotonic), not `Date.now()`.
   */
  startedAt?: number;
  /** Called with each change of status, progress or eta. */
  onProgress?: (update: TaskUpdate) => void;
  /** The poll schedule (default `adaptiveSchedule()`). */
  schedule?: PollSchedule;
  /** Consecutive transient failures (5xx, connection, timeout) tolerated per task (default 8). */
  maxConsecutiveErrors?: number;
  /**
   * For this long after the start, a 404 `TASK_NOT_FOUND` is retried as transient (a task
   * that was just created may not be readable yet). Default 0 (`generate` uses 15000).
   */
  notFoundGraceMs?: number;
  /** Time source and timers (default the system clock). */
  clock?: Clock;
  /** Randomness for jitter (default `Math.random`). */
  random?: Random;
  /**
   * Called once per unknown status value (default: `console.warn` of the message). Pass a
   * function to route it to your logger, or `() => {}` to silence it.
   */
  onWarning?: (warning: PollWarning) => void;
}

/** The outcome of one task in `waitForMany`. */
export type TaskOutcome =
  | { taskId: string; ok: true; result: SucceededTask }
  | { taskId: string; ok: false; error: Error };
