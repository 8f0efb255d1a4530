/**
 * A long-lived shared poll scheduler: tasks join as they are submitted, and all of them share
 * one request budget, one cap on polls in flight, one 429 pause and one timer. This is what
 * `waitForMany` does for a fixed list, for a batch whose tasks arrive over time (`vidu batch`).
 */
import { WaitAbortedError } from './errors.js';
import { PollEngine, type TaskSpec } from './internal/engine.js';
import type { SucceededTask, TaskReader, TaskUpdate, WaitOptions } from './types.js';
import { checkTaskId, checkTimeout, DEFAULT_TIMEOUT_MS, sharedOptions } from './wait.js';

export interface PollSchedulerOptions extends Omit<WaitOptions, 'startedAt' | 'onProgress'> {
  /** Polls in flight at most, across all tasks (default 4). */
  concurrency?: number;
  /** Polls per rolling minute at most, across all tasks (default 60), evenly spaced. */
  requestsPerMinute?: number;
  /**
   * The default deadline of each `wait`, in ms from the moment the task joins (default
   * 1800000, 30 min); `Infinity` for none. `signal` closes the whole scheduler.
   */
  timeoutMs?: number;
}

/** Options of one task's wait within a scheduler. */
export interface ScheduledWaitOptions {
  /** This task's deadline, ms from now (default: the scheduler's `timeoutMs`). */
  timeoutMs?: number;
  /** When the task was submitted, on the scheduler's clock (default: now). */
  startedAt?: number;
  /** Stops waiting for this task only: its wait rejects with `WaitAbortedError`. */
  signal?: AbortSignal;
  /** Each change of status, progress or eta of this task. */
  onProgress?: (update: TaskUpdate) => void;
  /**
   * For this long after `startedAt`, a 404 is retried (a task created a moment ago may not be
   * readable yet). Default: the scheduler's `notFoundGraceMs`.
   */
  notFoundGraceMs?: number;
}

export interface PollScheduler {
  /**
   * Waits for one task through the shared scheduler. Resolves and rejects like `waitForTask`
   * (`TaskFailedError`, `WaitTimeoutError`, `WaitAbortedError`, a client error with the task
   * id). Waiting again for a task already pending returns the same promise.
   */
  wait(taskId: string, options?: ScheduledWaitOptions): Promise<SucceededTask>;
  /** Tasks being waited for. */
  readonly pending: number;
  /** True once closed (by `close()` or the scheduler's signal). */
  readonly closed: boolean;
  /**
   * Stops polling: every pending wait rejects with `WaitAbortedError` (task id, last status).
   * Later `wait` calls reject the same way. A scheduler with nothing pending holds no timer,
   * so closing is only needed to abandon pending waits.
   */
  close(reason?: unknown): void;
}

interface Waiter {
  promise: Promise<SucceededTask>;
  resolve: (result: SucceededTask) => void;
  reject: (error: Error) => void;
  progress: ((update: TaskUpdate) => void)[];
  untie: () => void;
}

/**
 * Creates a shared poll scheduler. One budget (`requestsPerMinute`) and one 429 pause hold for
 * every task it waits for, however many are added and whenever they are added.
 *
 * ```ts
 * const polls = createPollScheduler(client, { requestsPerMinute: 60, concurrency: 8 });
 * for (const job of jobs) {
 *   const { task_id } = await client.submit(job.op, job.body);
 *   polls.wait(task_id, { onProgress }).then(save, report);
 * }
 * ```
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { createPollScheduler } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const polls = createPollScheduler(client, { requestsPerMinute: 60, concurrency: 8 });
 * for (const prompt of ['a red kite', 'a lighthouse at dusk']) {
 *   const { task_id } = await client.submitQ1Reference({ images: ['https://example.com/still.png'], prompt });
 *   polls.wait(task_id).then(
 *     (result) => console.log(task_id, result.videos[0]?.url),
 *     (error: Error) => console.log(task_id, error.message),
 *   );
 * }
 * ```
 */
export function createPollScheduler(client: TaskReader, options: PollSchedulerOptions = {}): PollScheduler {
  const defaultTimeout = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const shared = sharedOptions(client, options);
  const waiters = new Map<string, Waiter>();
  const engine = new PollEngine({
    ...shared,
    concurrency: options.concurrency ?? 4,
    requestsPerMinute: options.requestsPerMinute ?? 60,
    onUpdate: (update) => {
      for (const fn of waiters.get(update.taskId)?.progress ?? []) {
        try {
          fn(update);
        } catch {
          /* one caller's callback must not stop the others' tasks */
        }
      }
    },
    onSettled: (taskId, outcome) => {
      const w = waiters.get(taskId);
      if (!w) return;
      waiters.delete(taskId);
      w.untie();
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(outcome.error);
    },
  });
  const signal = options.signal;
  let closeReason: unknown;
  const close = (reason?: unknown) => {
    if (engine.stopped) return;
    closeReason = reason;
    signal?.removeEventListener('abort', onAbort);
    engine.stop(reason);
  };
  const onAbort = () => close(signal?.reason);
  if (signal?.aborted) close(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });

  return {
    wait(taskId, waitOptions = {}) {
      checkTaskId(taskId);
      const timeoutMs = checkTimeout(waitOptions.timeoutMs ?? defaultTimeout);
      const existing = waiters.get(taskId);
      if (existing) {
        if (waitOptions.onProgress) existing.progress.push(waitOptions.onProgress);
        return existing.promise;
      }
      if (engine.stopped) return Promise.reject(new WaitAbortedError(taskId, undefined, closeReason));
      const own = waitOptions.signal;
      if (own?.aborted) return Promise.reject(new WaitAbortedError(taskId, undefined, own.reason));
      let resolve!: Waiter['resolve'];
      let reject!: Waiter['reject'];
      const promise = new Promise<SucceededTask>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const cancel = () => engine.cancel(taskId, own?.reason);
      own?.addEventListener('abort', cancel, { once: true });
      const untie = () => own?.removeEventListener('abort', cancel);
      waiters.set(taskId, { promise, resolve, reject, progress: waitOptions.onProgress ? [waitOptions.onProgress] : [], untie });
      const spec: TaskSpec = { taskId, startedAt: waitOptions.startedAt ?? shared.clock.now(), timeoutMs };
      if (waitOptions.notFoundGraceMs !== undefined) spec.notFoundGraceMs = waitOptions.notFoundGraceMs;
      engine.add([spec]);
      return promise;
    },
    get pending() {
      return engine.pending;
    },
    get closed() {
      return engine.stopped;
    },
    close,
  };
}
