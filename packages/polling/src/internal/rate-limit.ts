/**
 * The one pause every poll of a scheduler observes after a 429. The pause escalates once per
 * rate-limit episode, not once per 429: polls that were already in flight when the pause began
 * were sent under the old conditions, so their 429s say nothing new (a burst answered to 16
 * in-flight polls used to escalate the pause 16 times, to ~45 s).
 */
import { rateLimitDelay, retryAfterMs } from './poll-failure.js';
import type { Random } from '../random.js';

export class RateLimitPause {
  /** No poll starts before this time. */
  until = -Infinity;
  #streak = 0;
  /** When the current pause was decided; 429s of polls sent before it do not escalate it. */
  #decidedAt = -Infinity;

  /**
   * A poll sent at `sentAt` was answered 429 at `now`. Returns when that poll may run again
   * (the end of the pause, which this call may extend).
   */
  onRateLimited(error: unknown, sentAt: number, now: number, random: Random): number {
    if (sentAt >= this.#decidedAt) {
      this.#streak++;
      this.#decidedAt = now;
      this.until = Math.max(this.until, now + rateLimitDelay(error, this.#streak, random));
    } else {
      // A poll of the same burst: only an explicit, longer Retry-After extends the pause.
      const asked = retryAfterMs(error);
      if (asked !== undefined) this.until = Math.max(this.until, now + asked);
    }
    return this.until;
  }

  /** Any good answer ends the episode. */
  onAnswer(): void {
    this.#streak = 0;
  }
}
