/**
 * Retry timing for failed polls (not for the poll schedule itself, see `schedule.ts`): which
 * failures are worth retrying, and how long to wait before the next attempt.
 */
import type { Random } from './clock.js';

/** What a failed poll means for the wait. */
export type PollFailureKind = 'rate-limited' | 'transient' | 'not-found' | 'fatal';

function field(error: unknown, name: string): unknown {
  return error && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * Classifies a poll error structurally (by `status` and `name`), so it works with the client's
 * classes and with any fake. Reading a task's status is safe to repeat, so 5xx, connection
 * failures and per-attempt timeouts are retried; a 429 pauses every poll of the scheduler.
 */
export function classifyPollError(error: unknown): PollFailureKind {
  const status = field(error, 'status');
  const name = field(error, 'name');
  if (status === 429 || name === 'RateLimitError') return 'rate-limited';
  if (name === 'TaskNotFoundError') return 'not-found';
  if (typeof status === 'number' && status >= 500) return 'transient';
  if (name === 'ServerError' || name === 'ConnectionError' || name === 'TimeoutError') return 'transient';
  return 'fatal';
}

/** The server's `Retry-After`, in ms, when the error carries one (`RateLimitError.retryAfterMs`). */
export function retryAfterMsOf(error: unknown): number | undefined {
  const v = field(error, 'retryAfterMs');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export interface BackoffOptions {
  /** First delay in ms (default 1000). */
  baseMs?: number;
  /** Largest delay in ms (default 30000). */
  maxMs?: number;
}

/**
 * Capped exponential backoff with "equal jitter": attempt 1 waits 0.5..1 × base, attempt 2
 * 0.5..1 × 2·base, and so on up to `maxMs`.
 */
export function backoffDelay(attempt: number, random: Random, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return raw / 2 + (raw / 2) * random();
}
