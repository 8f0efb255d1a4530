/**
 * The one poll engine behind `waitForTask`, `watchTask` and `waitForMany`: a scheduler with
 * ONE timer for all of its tasks, a min-heap of due times, a cap on requests in flight, a
 * per-minute request budget that is never exceeded, one pause for everyone on a 429, and one
 * overall deadline. Not exported from the package.
 */
import { normalizeTaskResult, type NormalizedTaskResult } from '@vidukit/client';
import { backoffDelay, classifyPollError, retryAfterMsOf } from '../backoff.js';
import type { Clock, Random, TimerHandle } from '../clock.js';
import { TaskFailedError, WaitAbortedError, WaitTimeoutError, withTaskId } from '../errors.js';
import type { PollSchedule, TaskPlanner } from '../schedule.js';
import type { SucceededTask, TaskReader, TaskUpdate } from '../types.js';
import { rememberClient } from './registry.js';

export interface EngineOptions {
  client: TaskReader;
  clock: Clock;
  random: Random;
  schedule: PollSchedule;
  /** Requests in flight at most. */
  concurrency: number;
  /** Requests per rolling minute at most; undefined = no budget. */
  requestsPerMinute?: number;
  /** Overall deadline, ms from `startedAt`'s clock reading at creation; Infinity = none. */
  timeoutMs: number;
  /** When the tasks started (for the schedule), on `clock`. */
  startedAt: number;
  signal?: AbortSignal;
  maxConsecutiveErrors: number;
  notFoundGraceMs: number;
  onUpdate?: (update: TaskUpdate) => void;
  onSettled: (taskId: string, outcome: { ok: true; result: SucceededTask } | { ok: false; error: Error }) => void;
  /** Called once when the engine has nothing left to do (all settled, aborted or timed out). */
  onIdle?: () => void;
}

interface TaskEntry {
  taskId: string;
  dueAt: number;
  seq: number;
  planner: TaskPlanner;
  polls: number;
  consecutiveErrors: number;
  lastStatus: string | undefined;
  lastKey: string | undefined;
  controller: AbortController | undefined;
  settled: boolean;
}

/** A binary min-heap of tasks ordered by (dueAt, seq). */
class DueHeap {
  #items: TaskEntry[] = [];
  get size(): number {
    return this.#items.length;
  }
  peek(): TaskEntry | undefined {
    return this.#items[0];
  }
  #less(a: TaskEntry, b: TaskEntry): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }
  push(item: TaskEntry): void {
    const a = this.#items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): TaskEntry | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.#less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.#less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
  drain(): TaskEntry[] {
    const out = this.#items;
    this.#items = [];
    return out;
  }
}

/**
 * At most `perMinute` request starts in any 60-second window, evenly paced (one every
 * 60000/perMinute ms) so a provider's own limiter never sees a burst. The ring of the last
 * `perMinute` start times is the exact guard; the pacing keeps the flow smooth.
 */
export class RequestBudget {
  readonly #perMinute: number;
  readonly #spacing: number;
  readonly #starts: Float64Array;
  #count = 0;
  #next = 0;
  #last = -Infinity;

  constructor(perMinute: number) {
    if (!(Number.isInteger(perMinute) && perMinute >= 1)) {
      throw new RangeError('requestsPerMinute must be a whole number >= 1');
    }
    this.#perMinute = perMinute;
    this.#spacing = 60_000 / perMinute;
    this.#starts = new Float64Array(perMinute);
  }

  /** The earliest time a request may start. */
  nextAllowedAt(): number {
    let at = this.#last + this.#spacing;
    if (this.#count >= this.#perMinute) {
      // The oldest of the last `perMinute` starts must be a full minute back (a microsecond
      // more, so float rounding can never make the window 59999.99999 ms).
      at = Math.max(at, this.#starts[this.#next]! + 60_000.001);
    }
    return at;
  }

  record(at: number): void {
    this.#starts[this.#next] = at;
    this.#next = (this.#next + 1) % this.#perMinute;
    this.#count = Math.min(this.#perMinute, this.#count + 1);
    this.#last = at;
  }
}

function updateKey(r: NormalizedTaskResult): string {
  return `${r.status}|${r.progressPercent ?? ''}|${r.etaSeconds ?? ''}`;
}

const SUCCEED = 'TASK_STATUS_SUCCEED';
const FAILED = 'TASK_STATUS_FAILED';

export class PollEngine {
  readonly #o: EngineOptions;
  readonly #heap = new DueHeap();
  readonly #inFlight = new Set<TaskEntry>();
  readonly #entries = new Map<string, TaskEntry>();
  readonly #deadlineAt: number;
  readonly #budget: RequestBudget | undefined;
  #timer: TimerHandle | undefined;
  #timerAt = Infinity;
  #pausedUntil = -Infinity;
  #rateLimitStreak = 0;
  #seq = 0;
  #unsettled = 0;
  #closed = false;
  #onAbort = () => this.#abort();

  constructor(options: EngineOptions) {
    this.#o = options;
    this.#deadlineAt = options.clock.now() + options.timeoutMs;
    this.#budget = options.requestsPerMinute === undefined ? undefined : new RequestBudget(options.requestsPerMinute);
    if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
      throw new RangeError('concurrency must be a whole number >= 1');
    }
  }

  /** Adds tasks (first poll as soon as the budget allows) and starts. Ids are de-duplicated. */
  start(taskIds: Iterable<string>): void {
    const now = this.#o.clock.now();
    for (const taskId of taskIds) {
      if (this.#entries.has(taskId)) continue;
      const entry: TaskEntry = {
        taskId,
        dueAt: now,
        seq: this.#seq++,
        planner: this.#o.schedule.start(this.#o.startedAt, this.#o.random),
        polls: 0,
        consecutiveErrors: 0,
        lastStatus: undefined,
        lastKey: undefined,
        controller: undefined,
        settled: false,
      };
      this.#entries.set(taskId, entry);
      this.#heap.push(entry);
      this.#unsettled++;
    }
    const signal = this.#o.signal;
    if (signal?.aborted) {
      this.#abort();
      return;
    }
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (this.#unsettled === 0) this.#close();
    else this.#pump();
  }

  /** Stops everything now: pending tasks reject with `WaitAbortedError`. */
  stop(reason?: unknown): void {
    this.#abort(reason);
  }

  #pump(): void {
    if (this.#closed) return;
    const { clock } = this.#o;
    const now = clock.now();
    if (now >= this.#deadlineAt) {
      this.#timeoutAll();
      return;
    }
    while (this.#inFlight.size < this.#o.concurrency && this.#heap.size > 0) {
      const top = this.#heap.peek()!;
      if (top.dueAt > now || this.#pausedUntil > now) break;
      if (this.#budget && this.#budget.nextAllowedAt() > now) break;
      this.#heap.pop();
      this.#poll(top, now);
      if (this.#closed) return;
    }
    this.#arm();
  }

  /** Sets the single timer to the next moment anything can happen. */
  #arm(): void {
    let at = this.#deadlineAt;
    if (this.#inFlight.size < this.#o.concurrency && this.#heap.size > 0) {
      let next = Math.max(this.#heap.peek()!.dueAt, this.#pausedUntil);
      if (this.#budget) next = Math.max(next, this.#budget.nextAllowedAt());
      at = Math.min(at, next);
    }
    if (at === this.#timerAt && this.#timer !== undefined) return;
    this.#clearTimer();
    if (!Number.isFinite(at)) return;
    const { clock } = this.#o;
    this.#timerAt = at;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.#pump();
    }, Math.max(0, at - clock.now()));
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #poll(entry: TaskEntry, now: number): void {
    this.#budget?.record(now);
    entry.polls++;
    const controller = new AbortController();
    entry.controller = controller;
    this.#inFlight.add(entry);
    let request: Promise<unknown>;
    try {
      // maxRetries 0: this scheduler owns retries, so the budget and the deadline hold.
      request = Promise.resolve(this.#o.client.getTaskResult(entry.taskId, { signal: controller.signal, maxRetries: 0 }));
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (raw) => this.#afterPoll(entry, controller, () => this.#onAnswer(entry, raw)),
      (error: unknown) => this.#afterPoll(entry, controller, () => this.#onError(entry, error)),
    );
  }

  #afterPoll(entry: TaskEntry, controller: AbortController, handle: () => void): void {
    if (entry.controller !== controller) return;
    entry.controller = undefined;
    this.#inFlight.delete(entry);
    if (this.#closed || entry.settled) return;
    try {
      handle();
    } catch (error) {
      this.#settle(entry, { ok: false, error: withTaskId(error, entry.taskId) as Error });
    }
    this.#pump();
  }

  #onAnswer(entry: TaskEntry, raw: unknown): void {
    const now = this.#o.clock.now();
    const result = normalizeTaskResult(raw as never, new Date(now));
    rememberClient(result, this.#o.client);
    this.#rateLimitStreak = 0;
    entry.consecutiveErrors = 0;
    entry.lastStatus = result.status;
    const status = result.status;
    const isTerminal = status === SUCCEED || status === FAILED;
    const key = updateKey(result);
    if (key !== entry.lastKey || isTerminal) {
      entry.lastKey = key;
      const update: TaskUpdate = { taskId: entry.taskId, status, isTerminal, polls: entry.polls, result };
      if (result.progressPercent !== undefined) update.progressPercent = result.progressPercent;
      if (result.etaSeconds !== undefined) update.etaSeconds = result.etaSeconds;
      this.#o.onUpdate?.(update);
      if (this.#closed || entry.settled) return;
    }
    if (status === SUCCEED) {
      this.#settle(entry, { ok: true, result: result as SucceededTask });
    } else if (status === FAILED) {
      this.#settle(entry, { ok: false, error: new TaskFailedError(entry.taskId, result.reason, result) });
    } else {
      // QUEUED, PROCESSING, UNKNOWN and any status the spec does not list: not finished.
      const obs: { status: string; etaSeconds?: number; progressPercent?: number } = { status };
      if (result.etaSeconds !== undefined) obs.etaSeconds = result.etaSeconds;
      if (result.progressPercent !== undefined) obs.progressPercent = result.progressPercent;
      const delay = entry.planner.next(obs, now);
      this.#requeue(entry, now + delay);
    }
  }

  #onError(entry: TaskEntry, error: unknown): void {
    const now = this.#o.clock.now();
    let kind = classifyPollError(error);
    if (kind === 'not-found') {
      kind = now - this.#o.startedAt < this.#o.notFoundGraceMs ? 'transient' : 'fatal';
    }
    if (kind === 'rate-limited') {
      // Everyone waits: the budget was evidently too generous for the provider right now.
      this.#rateLimitStreak++;
      const wait = retryAfterMsOf(error) ?? backoffDelay(this.#rateLimitStreak, this.#o.random, { baseMs: 2000, maxMs: 60_000 });
      this.#pausedUntil = Math.max(this.#pausedUntil, now + wait);
      this.#requeue(entry, this.#pausedUntil);
      return;
    }
    if (kind === 'transient') {
      entry.consecutiveErrors++;
      if (entry.consecutiveErrors <= this.#o.maxConsecutiveErrors) {
        this.#requeue(entry, now + backoffDelay(entry.consecutiveErrors, this.#o.random));
        return;
      }
    }
    this.#settle(entry, { ok: false, error: withTaskId(error, entry.taskId) as Error });
  }

  #requeue(entry: TaskEntry, at: number): void {
    entry.dueAt = at;
    entry.seq = this.#seq++;
    this.#heap.push(entry);
  }

  #settle(entry: TaskEntry, outcome: { ok: true; result: SucceededTask } | { ok: false; error: Error }): void {
    if (entry.settled) return;
    entry.settled = true;
    this.#unsettled--;
    entry.controller?.abort();
    this.#o.onSettled(entry.taskId, outcome);
    if (this.#unsettled === 0) this.#close();
  }

  #timeoutAll(): void {
    for (const entry of this.#entries.values()) {
      if (!entry.settled) {
        this.#settle(entry, { ok: false, error: new WaitTimeoutError(entry.taskId, entry.lastStatus, this.#o.timeoutMs) });
      }
    }
    this.#close();
  }

  #abort(reason?: unknown): void {
    if (this.#closed) return;
    const cause = reason ?? this.#o.signal?.reason;
    for (const entry of this.#entries.values()) {
      if (!entry.settled) this.#settle(entry, { ok: false, error: new WaitAbortedError(entry.taskId, entry.lastStatus, cause) });
    }
    this.#close();
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimer();
    this.#o.signal?.removeEventListener('abort', this.#onAbort);
    for (const entry of this.#inFlight) entry.controller?.abort();
    this.#inFlight.clear();
    this.#heap.drain();
    this.#o.onIdle?.();
  }
}
