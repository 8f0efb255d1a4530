/**
 * Calls `onIdle` once nothing has happened for `idleMs` (a storage host that stalls, before its
 * headers or mid-body). One timer, re-armed only when it fires early, so touching it per chunk
 * costs nothing.
 */
import { timerDelay, type Clock, type TimerHandle } from '../clock.js';

export class IdleGuard {
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #onIdle: () => void;
  #last: number;
  #handle: TimerHandle | undefined;

  constructor(clock: Clock, idleMs: number, onIdle: () => void) {
    this.#clock = clock;
    this.#idleMs = idleMs;
    this.#onIdle = onIdle;
    this.#last = clock.now();
    if (Number.isFinite(idleMs)) this.#arm(idleMs);
  }

  /** Something happened (headers, a chunk). */
  touch(): void {
    this.#last = this.#clock.now();
  }

  stop(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #arm(ms: number): void {
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = undefined;
      const quiet = this.#clock.now() - this.#last;
      if (quiet >= this.#idleMs) this.#onIdle();
      else this.#arm(this.#idleMs - quiet);
    }, timerDelay(ms));
  }
}
