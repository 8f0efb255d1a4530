/**
 * Time and timers, injectable so that tests and the benchmark run on a simulated clock and give
 * the same figures on every run.
 *
 * Two kinds of time: durations (deadlines, poll delays, the request budget) are measured on
 * `Clock.now()`, which for the system clock is monotonic (`performance.now()`), so a wall-clock
 * jump (NTP step, a laptop waking, an operator setting the date) neither expires a wait early
 * nor stalls it. Wall time (`wallNow`) is used only where the provider's clock matters: when a
 * result was received, so that its URL expiry (`expiresAt`) is a real date.
 */
export type { Random } from './random.js';

/** An opaque timer handle returned by `Clock.setTimeout`. */
export type TimerHandle = unknown;

/** Where the polling code gets the time and its timers from. */
export interface Clock {
  /** Milliseconds since some fixed point, never going backwards (monotonic for the system clock). */
  now(): number;
  /**
   * Milliseconds since the epoch (wall time), for URL expiry only. Optional: a clock without it
   * is taken to run on wall time (`now()`), as the test clocks do.
   */
  wallNow?(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The longest delay a timer is armed for: Node (and browsers) turn a delay above 2^31-1 ms
 * into 1 ms (with a TimeoutOverflowWarning), so a longer wait is armed in steps of this size.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay a timer accepts: 0..MAX_TIMER_DELAY_MS (NaN counts as 0). */
export function timerDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_DELAY_MS) : 0;
}

const monotonicNow: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

/** The real clock: `performance.now()` for durations, `Date.now()` for wall time, the global timers. */
export const systemClock: Clock = {
  now: monotonicNow,
  wallNow: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, timerDelay(ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Wall time (ms since the epoch) on `clock`. */
export function wallNow(clock: Clock): number {
  return clock.wallNow ? clock.wallNow() : clock.now();
}

/**
 * Calls `callback` once `clock.now()` has reached `at`, however far away that is: a timer
 * capped at MAX_TIMER_DELAY_MS that re-arms itself when it fires early. Returns a cancel
 * function. `at` = Infinity never fires.
 */
export function callAt(clock: Clock, at: number, callback: () => void): () => void {
  let handle: TimerHandle | undefined;
  let cancelled = false;
  const arm = (): void => {
    if (cancelled || !Number.isFinite(at)) return;
    const left = at - clock.now();
    if (left <= 0) {
      handle = undefined;
      callback();
      return;
    }
    handle = clock.setTimeout(arm, timerDelay(left));
  };
  arm();
  return () => {
    cancelled = true;
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = undefined;
  };
}
