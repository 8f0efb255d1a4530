/**
 * A clock that only moves when told to, for tests of waiting code (the package's own, the
 * simulator's, the benchmark's, and applications').
 */
import type { Clock, TimerHandle } from './clock.js';

/** One turn of the event loop (real I/O callbacks run); `setImmediate` where it exists. */
function turn(): Promise<void> {
  return new Promise<void>((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : globalThis.setTimeout(resolve, 0),
  );
}

interface ManualTimer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. Timers fire in time order (ties in creation order)
 * when the clock is advanced past them. Used by the tests and the benchmark; exported so
 * applications can test their own waiting code the same way.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { waitForTask } from '@vidukit/polling';
 * import { ManualClock } from '@vidukit/polling/testing';
 *
 * // A test that waits 10 simulated minutes in no time.
 * const clock = new ManualClock(Date.now());
 * const client = createViduClient({ apiKey: 'test-key', baseUrl: 'http://127.0.0.1:4010' });
 * const waiting = waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', { clock, timeoutMs: 600_000 });
 * const result = await clock.run(waiting);
 * console.log(result.status, clock.pendingTimers); // ..., 0
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, ManualTimer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  /** How many timers are pending (a finished or aborted wait must leave none). */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** When the earliest pending timer fires, or undefined. */
  nextTimerAt(): number | undefined {
    let min: ManualTimer | undefined;
    for (const t of this.#timers.values()) if (!min || t.at < min.at || (t.at === min.at && t.id < min.id)) min = t;
    return min?.at;
  }

  /** Moves the clock to `to` (never backwards), firing every timer due on the way. */
  advanceTo(to: number): void {
    for (;;) {
      let due: ManualTimer | undefined;
      for (const t of this.#timers.values()) {
        if (t.at <= to && (!due || t.at < due.at || (t.at === due.at && t.id < due.id))) due = t;
      }
      if (!due) break;
      this.#timers.delete(due.id);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
    }
    this.#now = Math.max(this.#now, to);
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** Fires the earliest pending timer (moving the clock to it); false when there is none. */
  fireNext(): boolean {
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    let due: ManualTimer | undefined;
    for (const t of this.#timers.values()) if (t.at === at && (!due || t.id < due.id)) due = t;
    if (!due) return false;
    this.#timers.delete(due.id);
    this.#now = Math.max(this.#now, due.at);
    due.callback();
    return true;
  }

  /**
   * Runs a promise to completion on this clock: lets pending I/O callbacks and promise jobs run,
   * then fires the next timer, until the promise settles. Throws if nothing is left to run.
   */
  async run<T>(promise: Promise<T>, options: { maxSteps?: number } = {}): Promise<T> {
    let settled = false;
    const tracked = promise.then(
      (v) => {
        settled = true;
        return v;
      },
      (e: unknown) => {
        settled = true;
        throw e;
      },
    );
    tracked.catch(() => {});
    const maxSteps = options.maxSteps ?? 10_000_000;
    for (let step = 0; !settled; step++) {
      await turn();
      if (settled) break;
      if (step > maxSteps) throw new Error('ManualClock.run: too many steps');
      if (!this.fireNext()) {
        // Nothing scheduled: give real I/O a few more turns before declaring a deadlock.
        let idle = 0;
        while (!settled && this.nextTimerAt() === undefined && idle++ < 50) {
          await turn();
        }
        if (!settled && this.nextTimerAt() === undefined) {
          throw new Error('ManualClock.run: the promise is pending but no timer is scheduled');
        }
      }
    }
    return tracked;
  }
}
