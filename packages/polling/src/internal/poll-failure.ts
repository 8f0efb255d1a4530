/**
 * What a failed poll means for a wait, and how long to wait before the next one. Reading a
 * task is safe to repeat, so whatever the client's retry policy calls retryable for a read is
 * a transient fault here. This file holds no error classification of its own: it asks
 * @vidukit/client's policy module.
 */
import { isRetryable, outcomeOf, retryAfterOf, retryDelay } from '@vidukit/client';
import type { Random } from '../random.js';

/** What a failed poll means for the wait. */
export type PollFailureKind = 'rate-limited' | 'transient' | 'not-found' | 'fatal';

/**
 * What a failed poll means for a wait: `rate-limited` (429), `not-found` (404: a new task may not be readable yet), `transient` (worth polling again) or `fatal`.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { pollFailureKind } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY, maxRetries: 0 });
 * try {
 *   await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * } catch (error) {
 *   console.log(pollFailureKind(error)); // 'rate-limited', 'transient', 'not-found' or 'fatal'
 * }
 * ```
 */
export function pollFailureKind(error: unknown): PollFailureKind {
  const outcome = outcomeOf(error);
  if (outcome?.kind === 'response' && outcome.status === 429) return 'rate-limited';
  // A task that was just created may not be readable yet (eventual consistency): the caller
  // retries a 404 within its grace period.
  if (outcome?.kind === 'response' && outcome.status === 404) return 'not-found';
  return isRetryable(error, { kind: 'read' }) ? 'transient' : 'fatal';
}

/** The server's Retry-After carried by the error, in ms. */
export function retryAfterMs(error: unknown): number | undefined {
  return retryAfterOf(error);
}

/** The shared pause after a 429: Retry-After, else 1-2 s doubling per episode up to 60 s. */
export function rateLimitDelay(error: unknown, streak: number, random: Random): number {
  return retryDelay(streak - 1, error, { baseDelayMs: 2000, maxDelayMs: 60_000, maxRetryAfterMs: Infinity, jitter: 'equal', random }) ?? 60_000;
}

/** The wait before retrying a transient fault (attempt 1, 2, ...): 0.5-1 s doubling up to 30 s. */
export function transientDelay(attempt: number, random: Random): number {
  return retryDelay(attempt - 1, undefined, { baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 'equal', random }) ?? 30_000;
}
