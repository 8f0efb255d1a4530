/**
 * The one poll engine behind `waitForTask`, `watchTask`, `waitForMany` and `createPollScheduler`:
 * ONE timer for all of its tasks, a min-heap of due polls, a cap on requests in flight, a
 * per-minute request budget that is never exceeded, one pause for everyone on a 429, and a
 * deadline per task. All durations are on `clock.now()` (monotonic for the system clock).
 * Not exported from the package.
 */
import { wallNow, type Clock } from '../clock.js';
import { TaskFailedError, WaitAbortedError, WaitTimeoutError, withTaskId } from '../errors.js';
import type { Random } from '../random.js';
import type { PollSchedule } from '../schedule.js';
import type { PollWarning, SucceededTask, TaskReader, TaskUpdate } from '../types.js';
import { readAnswer, toUpdate, UnknownStatusWarner, updateKey } from './answer.js';
import { RequestBudget } from './budget.js';
import { byDeadline, byDue, newEntry, type Entry, type TaskSpec } from './entry.js';
import { MinHeap } from './min-heap.js';
import { pollFailureKind, transientDelay } from './poll-failure.js';
import { RateLimitPause } from './rate-limit.js';
import { rememberClient } from './registry.js';
import { SingleTimer } from './timer.js';

export type { TaskSpec } from './entry.js';

export type Outcome = { ok: true; result: SucceededTask } | { ok: false; error: Error };

export interface EngineOptions {
  client: TaskReader;
  clock: Clock;
  random: Random;
  schedule: PollSchedule;
  /** Requests in flight at most. */
  concurrency: number;
  /** Requests per rolling minute at most; undefined = no budget. */
  requestsPerMinute?: number;
  maxConsecutiveErrors: number;
  notFoundGraceMs: number;
  onUpdate?: (update: TaskUpdate) => void;
  onSettled: (taskId: string, outcome: Outcome) => void;
  onWarning?: (warning: PollWarning) => void;
  /** Called each time the last unsettled task settles (and once on `stop`). */
  onIdle?: () => void;
}

export class PollEngine {
  readonly #o: EngineOptions;
  readonly #due = new MinHeap<Entry>(byDue);
  readonly #deadlines = new MinHeap<Entry>(byDeadline);
  readonly #inFlight = new Set<Entry>();
  readonly #entries = new Map<string, Entry>();
  readonly #budget: RequestBudget | undefined;
  readonly #pause = new RateLimitPause();
  readonly #warner: UnknownStatusWarner;
  readonly #timer: SingleTimer;
  #seq = 0;
  #unsettled = 0;
  #stopped = false;
  #pumping = false;

  constructor(options: EngineOptions) {
    if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
      throw new RangeError(`concurrency must be a whole number >= 1 (got ${String(options.concurrency)})`);
    }
    this.#o = options;
    this.#budget = options.requestsPerMinute === undefined ? undefined : new RequestBudget(options.requestsPerMinute);
    this.#warner = new UnknownStatusWarner(options.onWarning);
    this.#timer = new SingleTimer(options.clock, () => this.#pump());
  }

  /** Tasks not settled yet. */
  get pending(): number {
    return this.#unsettled;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Whether the task is being waited for (not settled yet). */
  has(taskId: string): boolean {
    const e = this.#entries.get(taskId);
    return e !== undefined && !e.settled;
  }

  /** Adds tasks (first poll as soon as the budget allows). Ids already waited for are skipped. */
  add(tasks: Iterable<TaskSpec>): void {
    if (this.#stopped) throw new Error('this poll scheduler was stopped');
    const now = this.#o.clock.now();
    for (const t of tasks) {
      const old = this.#entries.get(t.taskId);
      if (old && !old.settled) continue;
      const entry = newEntry(t, now, this.#seq++, this.#o.schedule, this.#o.random, this.#o.notFoundGraceMs);
      this.#entries.set(t.taskId, entry);
      this.#due.push(entry);
      if (Number.isFinite(entry.deadlineAt)) this.#deadlines.push(entry);
      this.#unsettled++;
    }
    this.#pump();
  }

  /** Stops waiting for one task: it settles with `WaitAbortedError`. */
  cancel(taskId: string, reason?: unknown): void {
    const entry = this.#entries.get(taskId);
    if (!entry || entry.settled) return;
    this.#settle(entry, { ok: false, error: new WaitAbortedError(entry.taskId, entry.lastStatus, reason) });
    this.#pump();
  }

  /** Stops everything now: pending tasks settle with `WaitAbortedError`; nothing can be added. */
  stop(reason?: unknown): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const entry of this.#entries.values()) {
      if (!entry.settled) this.#settle(entry, { ok: false, error: new WaitAbortedError(entry.taskId, entry.lastStatus, reason) }, false);
    }
    this.#quiesce();
    this.#o.onIdle?.();
  }

  #pump(): void {
    // Re-entry (a callback that adds or cancels while we pump) is picked up by the loop below.
    if (this.#pumping || this.#stopped) return;
    this.#pumping = true;
    try {
      const now = this.#o.clock.now();
      this.#expire(now);
      while (this.#inFlight.size < this.#o.concurrency) {
        const top = this.#due.peek();
        if (!top) break;
        if (top.settled || this.#inFlight.has(top)) {
          this.#due.pop();
          continue;
        }
        if (top.dueAt > now || this.#pause.until > now) break;
        if (this.#budget && this.#budget.nextAllowedAt() > now) break;
        this.#due.pop();
        this.#poll(top, now);
      }
    } finally {
      this.#pumping = false;
    }
    if (!this.#stopped) this.#arm();
  }

  /** Settles every task whose deadline has passed. */
  #expire(now: number): void {
    for (let top = this.#deadlines.peek(); top && (top.settled || top.deadlineAt <= now); top = this.#deadlines.peek()) {
      this.#deadlines.pop();
      if (!top.settled) this.#settle(top, { ok: false, error: new WaitTimeoutError(top.taskId, top.lastStatus, top.timeoutMs) });
    }
  }

  /** Sets the single timer to the next moment anything can happen. */
  #arm(): void {
    let at = this.#deadlines.peek()?.deadlineAt ?? Infinity;
    const top = this.#due.peek();
    if (this.#inFlight.size < this.#o.concurrency && top) {
      let next = Math.max(top.dueAt, this.#pause.until);
      if (this.#budget) next = Math.max(next, this.#budget.nextAllowedAt());
      at = Math.min(at, next);
    }
    this.#timer.armAt(at);
  }

  #poll(entry: Entry, now: number): void {
    this.#budget?.record(now);
    entry.polls++;
    entry.sentAt = now;
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

  #afterPoll(entry: Entry, controller: AbortController, handle: () => void): void {
    if (entry.controller !== controller) return;
    entry.controller = undefined;
    this.#inFlight.delete(entry);
    if (this.#stopped || entry.settled) return;
    try {
      handle();
    } catch (error) {
      this.#settle(entry, { ok: false, error: withTaskId(error, entry.taskId) as Error });
    }
    this.#pump();
  }

  #onAnswer(entry: Entry, raw: unknown): void {
    const { clock } = this.#o;
    const now = clock.now();
    // Wall time for the result: its URLs expire at a date on the provider's clock.
    const result = readAnswer(raw, wallNow(clock));
    rememberClient(result, this.#o.client);
    this.#pause.onAnswer();
    entry.consecutiveErrors = 0;
    entry.lastStatus = result.status;
    this.#warner.check(entry.taskId, result);
    const key = updateKey(result);
    if (key !== entry.lastKey || result.isTerminal) {
      entry.lastKey = key;
      this.#o.onUpdate?.(toUpdate(entry.taskId, entry.polls, result));
      if (this.#stopped || entry.settled) return;
    }
    if (result.status === 'TASK_STATUS_SUCCEED') {
      this.#settle(entry, { ok: true, result: result as SucceededTask });
    } else if (result.status === 'TASK_STATUS_FAILED') {
      this.#settle(entry, { ok: false, error: new TaskFailedError(entry.taskId, result.reason, result) });
    } else {
      // QUEUED, PROCESSING, UNKNOWN and any status the spec does not list: not finished.
      const obs: { status: string; etaSeconds?: number; progressPercent?: number } = { status: result.status };
      if (result.etaSeconds !== undefined) obs.etaSeconds = result.etaSeconds;
      if (result.progressPercent !== undefined) obs.progressPercent = result.progressPercent;
      this.#requeue(entry, now + entry.planner.next(obs, now));
    }
  }

  #onError(entry: Entry, error: unknown): void {
    const now = this.#o.clock.now();
    let kind = pollFailureKind(error);
    if (kind === 'not-found') kind = now - entry.startedAt < entry.notFoundGraceMs ? 'transient' : 'fatal';
    if (kind === 'rate-limited') {
      // Everyone waits: the budget was evidently too generous for the provider right now.
      this.#requeue(entry, this.#pause.onRateLimited(error, entry.sentAt, now, this.#o.random));
      return;
    }
    if (kind === 'transient') {
      entry.consecutiveErrors++;
      if (entry.consecutiveErrors <= this.#o.maxConsecutiveErrors) {
        this.#requeue(entry, now + transientDelay(entry.consecutiveErrors, this.#o.random));
        return;
      }
    }
    this.#settle(entry, { ok: false, error: withTaskId(error, entry.taskId) as Error });
  }

  #requeue(entry: Entry, at: number): void {
    entry.dueAt = at;
    entry.seq = this.#seq++;
    this.#due.push(entry);
  }

  #settle(entry: Entry, outcome: Outcome, notifyIdle = true): void {
    if (entry.settled) return;
    entry.settled = true;
    this.#unsettled--;
    if (this.#entries.get(entry.taskId) === entry) this.#entries.delete(entry.taskId);
    const controller = entry.controller;
    entry.controller = undefined;
    this.#inFlight.delete(entry);
    controller?.abort();
    try {
      this.#o.onSettled(entry.taskId, outcome);
    } finally {
      if (this.#unsettled === 0 && notifyIdle) {
        this.#quiesce();
        this.#o.onIdle?.();
      }
    }
  }

  /** Nothing left to wait for: no timer, no queued entry (an idle engine keeps nothing alive). */
  #quiesce(): void {
    this.#timer.clear();
    for (const entry of this.#inFlight) entry.controller?.abort();
    this.#inFlight.clear();
    this.#due.clear();
    this.#deadlines.clear();
    this.#entries.clear();
  }
}
