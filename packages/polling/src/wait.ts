/**
 * Waiting for tasks: `waitForTask` (one task), `watchTask` (its updates as an async iterable)
 * and `waitForMany` (thousands of tasks through one shared scheduler).
 */
import { checkTaskId as checkTaskIdIssues, ValidationError } from '@vidukit/client';
import { systemClock } from './clock.js';
import { WaitAbortedError } from './errors.js';
import { PollEngine, type EngineOptions } from './internal/engine.js';
import { adaptiveSchedule } from './schedule.js';
import type { PollWarning, SucceededTask, TaskOutcome, TaskReader, TaskUpdate, WaitOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

type Shared = Omit<EngineOptions, 'onSettled' | 'concurrency'>;

/** Warnings go to the console unless the caller routes them. */
export function defaultWarning(warning: PollWarning): void {
  globalThis.console?.warn?.(`@vidukit/polling: ${warning.message}`);
}

export function checkTimeout(timeoutMs: number): number {
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be a positive number of ms or Infinity (got ${String(timeoutMs)})`);
  return timeoutMs;
}

export function sharedOptions(client: TaskReader, options: Omit<WaitOptions, 'timeoutMs' | 'startedAt' | 'signal'>): Shared {
  const o: Shared = {
    client,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    schedule: options.schedule ?? adaptiveSchedule(),
    maxConsecutiveErrors: options.maxConsecutiveErrors ?? 8,
    notFoundGraceMs: options.notFoundGraceMs ?? 0,
    onWarning: options.onWarning ?? defaultWarning,
  };
  if (options.onProgress) o.onUpdate = options.onProgress;
  return o;
}

/** The client's task id rule (from the spec), before anything is scheduled. */
export function checkTaskId(taskId: unknown): asserts taskId is string {
  const issues = checkTaskIdIssues(taskId);
  if (issues.length) throw new ValidationError(issues, { operation: 'getTaskResult' });
}

/** Ties an engine to a caller's signal (not aborted yet); returns the function that unties it. */
function onSignal(engine: PollEngine, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const stop = () => engine.stop(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}

/** One task on its own engine; `onUpdate` sees each change, `onDone` the outcome. */
function single(client: TaskReader, taskId: string, options: WaitOptions, onUpdate: ((u: TaskUpdate) => void) | undefined, onDone: EngineOptions['onSettled']): PollEngine {
  checkTaskId(taskId);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const shared = sharedOptions(client, options);
  let untie = () => {};
  const engine = new PollEngine({
    ...shared,
    ...(onUpdate ? { onUpdate } : {}),
    concurrency: 1,
    onSettled: (id, outcome) => {
      untie();
      onDone(id, outcome);
    },
  });
  if (options.signal?.aborted) {
    // No request at all: the wait settles as aborted at once.
    onDone(taskId, { ok: false, error: new WaitAbortedError(taskId, undefined, options.signal.reason) });
    engine.stop();
    return engine;
  }
  untie = onSignal(engine, options.signal);
  engine.add([{ taskId, startedAt: options.startedAt ?? shared.clock.now(), timeoutMs }]);
  return engine;
}

/**
 * Polls one task until it finishes. Resolves with the normalised succeeded result (video URLs
 * with `expiresAt`). Rejects with `TaskFailedError` (task id, reason), `WaitTimeoutError`
 * (task id, last status) after `timeoutMs` in all, `WaitAbortedError` (task id) when `signal`
 * aborts, or the client's error (with `taskId` set) for a failure that retrying cannot fix.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const { task_id } = await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * const result = await waitForTask(client, task_id, { timeoutMs: 10 * 60_000, onProgress: (u) => console.log(u.status, u.progressPercent) });
 * console.log(result.videos[0]?.url);
 * ```
 */
export function waitForTask(client: TaskReader, taskId: string, options: WaitOptions = {}): Promise<SucceededTask> {
  return new Promise<SucceededTask>((resolve, reject) => {
    single(client, taskId, options, options.onProgress, (_id, outcome) => (outcome.ok ? resolve(outcome.result) : reject(outcome.error)));
  });
}

/**
 * The task's updates (status, progress, eta) as they change, ending after the terminal one.
 * A failed task ends the iteration normally with an update whose status is
 * `TASK_STATUS_FAILED` (and `result.reason`); a timeout, an abort or an unrecoverable poll
 * error is thrown from the iterator. Breaking out of the loop stops polling at once.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { watchTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * for await (const update of watchTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f')) {
 *   console.log(update.status, update.progressPercent, update.etaSeconds);
 * }
 * ```
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
      const onUpdate = (update: TaskUpdate) => {
        queue.push(update);
        options.onProgress?.(update);
        notify();
      };
      const engine = single(client, taskId, options, onUpdate, (_id, outcome) => {
        finished = true;
        if (!outcome.ok && outcome.error.name !== 'TaskFailedError') failure = { error: outcome.error };
        notify();
      });
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
 * task has finished, failed, timed out (one overall `timeoutMs`) or been aborted. For tasks
 * that arrive over time (a batch being submitted), use `createPollScheduler`.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { waitForMany } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const ids = ['2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', '7a1b2c3d-4e5f-4c3e-9f00-2f6c1a8e1b2d'];
 * for (const outcome of await waitForMany(client, ids, { concurrency: 4, requestsPerMinute: 120 })) {
 *   console.log(outcome.taskId, outcome.ok ? outcome.result.videos[0]?.url : outcome.error.message);
 * }
 * ```
 */
export function waitForMany(client: TaskReader, taskIds: Iterable<string>, options: WaitForManyOptions = {}): Promise<TaskOutcome[]> {
  const ids = [...taskIds];
  ids.forEach(checkTaskId);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { concurrency = 4, requestsPerMinute = 60 } = options;
  const shared = sharedOptions(client, options);
  return new Promise<TaskOutcome[]>((resolve) => {
    const outcomes = new Map<string, TaskOutcome>();
    let untie = () => {};
    const engine = new PollEngine({
      ...shared,
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
      onIdle: () => {
        untie();
        resolve(ids.map((id) => outcomes.get(id)!));
      },
    });
    if (ids.length === 0) return resolve([]);
    const { signal } = options;
    if (signal?.aborted) {
      return resolve(ids.map((taskId) => ({ taskId, ok: false, error: new WaitAbortedError(taskId, undefined, signal.reason) })));
    }
    untie = onSignal(engine, signal);
    const startedAt = options.startedAt ?? shared.clock.now();
    engine.add(ids.map((taskId) => ({ taskId, startedAt, timeoutMs })));
  });
}
