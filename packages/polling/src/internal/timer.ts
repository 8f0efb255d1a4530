/**
 * The scheduler's single timer: armed for a moment on the clock, re-armed only when that moment
 * changes. Delays are capped below 2^31-1 ms, so a far moment (a 30-day deadline) fires early,
 * the owner finds nothing due and arms again: one timer per ~24.8 days, not a 1 ms storm.
 */
import { timerDelay, type Clock, type TimerHandle } from '../clock.js';

export class SingleTimer {
  readonly #clock: Clock;
  readonly #onFire: () => void;
  #handle: TimerHandle | undefined;
  #at = Infinity;

  constructor(clock: Clock, onFire: () => void) {
    this.#clock = clock;
    this.#onFire = onFire;
  }

  /** Fires at `at` (or earlier, for far moments); Infinity clears the timer. */
  armAt(at: number): void {
    if (at === this.#at && this.#handle !== undefined) return;
    this.clear();
    if (!Number.isFinite(at)) return;
    this.#at = at;
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = undefined;
      this.#at = Infinity;
      this.#onFire();
    }, timerDelay(at - this.#clock.now()));
  }

  clear(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#at = Infinity;
  }
}
