/**
 * What a failed request means for a job. The decisions belong to @vidukit/client's policy
 * module (`mayHaveCreatedTask`, `isRetryable`, `outcomeOf`, `retryDelay`); this file only maps
 * their verdicts to the job's next step.
 */
import { isRetryable, mayHaveCreatedTask, outcomeOf, retryAfterOf, retryDelay, ViduError } from '@vidukit/client';

export type SubmitFailure =
  /** The task may exist (and be billed): never submit again automatically. */
  | 'may-have-created'
  /** Certainly nothing was created and trying later may work (429, refused connection). */
  | 'not-created-retry'
  /** The provider refused the request: nothing was created, retrying would fail the same way. */
  | 'rejected';

/**
 * What a failed submit means for its job: a task may exist, certainly none was created (try later), or the provider refused the request.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { classifySubmitFailure } from '@vidukit/queue';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * try {
 *   await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * } catch (error) {
 *   const verdict = classifySubmitFailure(error); // 'may-have-created' | 'not-created-retry' | 'rejected'
 *   if (verdict === 'may-have-created') console.log('never resubmit automatically: a billed task may exist');
 * }
 * ```
 */
export function classifySubmitFailure(error: unknown): SubmitFailure {
  if (mayHaveCreatedTask(error)) return 'may-have-created';
  if (isRetryable(error, { kind: 'submit' })) return 'not-created-retry';
  if (outcomeOf(error) !== undefined || error instanceof ViduError) return 'rejected';
  // Something the client did not raise (a bug, a runtime failure mid-call): a doubt costs a
  // look at the dashboard, a wrong "rejected" could bill twice.
  return 'may-have-created';
}

/** Reading a task is safe to repeat: polling's verdict, so a wait and a worker decide alike. */
export { pollFailureKind as classifyPollFailure, type PollFailureKind as PollFailure } from '@vidukit/polling/node';

export function isRateLimited(error: unknown): boolean {
  const outcome = outcomeOf(error);
  return outcome?.kind === 'response' && outcome.status === 429;
}

/** How long every worker pauses after this 429: its Retry-After, else `fallbackMs`. */
export function pauseAfter(error: unknown, fallbackMs: number): number {
  return retryAfterOf(error) ?? fallbackMs;
}

/** The wait before attempt `attempt` (1, 2, ...) after a transient failure: 0.5-1 s doubling up to `maxMs`. */
export function backoffMs(attempt: number, maxMs = 30_000): number {
  return retryDelay(attempt - 1, undefined, { baseDelayMs: 1000, maxDelayMs: maxMs, jitter: 'equal' }) ?? maxMs;
}
