/**
 * Waiting for tasks: `waitForTask` (one task), `watchTask` (its updates as an async iterable)
 * and `waitForMany` (thousands of tasks through one shared scheduler).
 */
import { systemClock } from './clock.js';
import { PollEngine, type EngineOptions } from './internal/engine.js';
import { adaptiveSchedule } from './schedule.js';
import type { SucceededTask, TaskOutcome, TaskReader, TaskUpdate, WaitOptions } from './types.js';

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

function engineOptions(client: TaskReader, options: WaitOptions): Omit<EngineOptions, 'onSettled' | 'concurrency'> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of ms (or Infinity)');
  const o: Omit<EngineOptions, 'onSettled' | 'concurrency'> = {
    client,
    clock,
    random: options.random ?? Math.random,
    schedule: options.schedule ?? adaptiveSchedule(),
    timeoutMs,
    startedAt: options.startedAt ?? clock.now(),
    maxConsecutiveErrors: options.maxConsecutiveErrors ?? 8,
    notFoundGraceMs: options.notFoundGraceMs ?? 0,
  };
  if (options.signal) o.signal = options.signal;
  if (options.onProgress) o.onUpdate = options.onProgress;
  return o;
}

function checkTaskId(taskId: unknown): asserts taskId is string {
  if (typeof taskId !== 'string' || taskId === '') {
    throw new TypeError('a task id must be a non-empty string (the task_id a submit returned)');
  }
}

/**
 * Polls one task until it finishes. Resolves with the normalised succeeded result (video URLs
 * with `expiresAt`). Rejects with `TaskFailedError` (task id, reason), `WaitTimeoutError`
 * (task id, last status) after `timeoutMs` in all, `WaitAbortedError` (task id) when `signal`
 * aborts, or the client's error (with `taskId` set) for a failure that retrying cannot fix.
 */
export function waitForTask(client: TaskReader, taskId: string, options: WaitOptions = {}): Promise<SucceededTask> {
  checkTaskId(taskId);
  return new Promise<SucceededTask>((resolve, reject) => {
    const engine = new PollEngine({
      ...engineOptions(client, options),
      concurrency: 1,
      onSettled: (_id, outcome) => (outcome.ok ? resolve(outcome.result) : reject(outcome.error)),
    });
    engine.start([taskId]);
  });
}

/**
 * The task's updates (status, progress, eta) as they change, ending after the terminal one.
 * A failed task ends the iteration normally with an update whose status is
 * `TASK_STATUS_FAILED` (and `result.reason`); a timeout, an abort or an unrecoverable poll
 * error is thrown from the iterator. Breaking out of the loop stops polling at once.
 */
export function watchTask(client: TaskReader, taskId: string, options: WaitOptions = {}): AsyncIterable<TaskUpdate> {
  checkTaskId(taskId);
  return {
    [Symbol.asyncIterator](): AsyncIterator<TaskUpdate> {
      const queue: TaskUpdate[] = [];
      let finished = false;
      let failure: { error: unknown } | undefined;
      let wake: (() => void) | undefined;
      const notify = () => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      const engine = new PollEngine({
        ...engineOptions(client, options),
        concurrency: 1,
        onUpdate: (update) => {
          queue.push(update);
          options.onProgress?.(update);
          notify();
        },
        onSettled: (_id, outcome) => {
          finished = true;
          if (!outcome.ok && outcome.error.name !== 'TaskFailedError') failure = { error: outcome.error };
          notify();
        },
      });
      engine.start([taskId]);
      return {
        async next(): Promise<IteratorResult<TaskUpdate>> {
          for (;;) {
            const update = queue.shift();
            if (update) return { value: update, done: false };
            if (failure) {
              const { error } = failure;
              failure = undefined;
              finished = true;
              throw error;
            }
            if (finished) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<TaskUpdate>> {
          finished = true;
          queue.length = 0;
          failure = undefined;
          engine.stop();
          return { value: undefined, done: true };
        },
      };
    },
  };
}

export interface WaitForManyOptions extends Omit<WaitOptions, 'startedAt'> {
  /** Polls in flight at most (default 4). */
  concurrency?: number;
  /**
   * Polls per rolling minute at most, across all tasks (default 60; the providers limit
   * requests per minute per endpoint). Polls are evenly spaced within it.
   */
  requestsPerMinute?: number;
  /** When the tasks started, on `clock` (default: now). */
  startedAt?: number;
  /** Called as each task finishes (succeeded or not), before the whole batch resolves. */
  onSettled?: (outcome: TaskOutcome) => void;
}

/**
 * Waits for many tasks through one shared scheduler: one timer, at most `concurrency` polls
 * in flight, at most `requestsPerMinute` polls per rolling minute, one pause for all on a 429.
 * Never rejects for a task's sake: resolves with one outcome per id, in input order, once every
 * task has finished, failed, timed out (one overall `timeoutMs`) or been aborted.
 */
export function waitForMany(client: TaskReader, taskIds: Iterable<string>, options: WaitForManyOptions = {}): Promise<TaskOutcome[]> {
  const ids = [...taskIds];
  ids.forEach(checkTaskId);
  const { concurrency = 4, requestsPerMinute = 60 } = options;
  return new Promise<TaskOutcome[]>((resolve) => {
    const outcomes = new Map<string, TaskOutcome>();
    const engine = new PollEngine({
      ...engineOptions(client, options),
      concurrency,
      requestsPerMinute,
      onSettled: (taskId, outcome) => {
        const full: TaskOutcome = outcome.ok ? { taskId, ok: true, result: outcome.result } : { taskId, ok: false, error: outcome.error };
        outcomes.set(taskId, full);
        try {
          options.onSettled?.(full);
        } catch {
          /* a throwing callback must not lose the other tasks' outcomes */
        }
      },
      onIdle: () => resolve(ids.map((id) => outcomes.get(id)!)),
    });
    engine.start(ids);
  });
}
