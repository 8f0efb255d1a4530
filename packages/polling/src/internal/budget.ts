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
      throw new RangeError(`requestsPerMinute must be a whole number >= 1 (got ${String(perMinute)})`);
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
