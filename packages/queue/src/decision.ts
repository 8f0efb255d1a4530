/**
 * What a failed submit means for the job. The decision itself belongs to @vidukit/client (its
 * `SubmitOutcomeUnknownError` is its verdict "this may have created a task"); this file only
 * maps that verdict to the job's next state, so there is one place to change if the client's
 * verdict moves to another export.
 */
import { ApiError, ConnectionError, RateLimitError, SubmitOutcomeUnknownError, ValidationError } from '@vidukit/client';

export type SubmitFailure =
  /** The task may exist (and be billed): never submit again automatically. */
  | 'may-have-created'
  /** Certainly nothing was created and trying later may work (429, refused connection). */
  | 'not-created-retry'
  /** The provider refused the request: nothing was created, retrying would fail the same way. */
  | 'rejected';

export function classifySubmitFailure(error: unknown): SubmitFailure {
  if (error instanceof SubmitOutcomeUnknownError) return 'may-have-created';
  if (error instanceof RateLimitError) return 'not-created-retry';
  if (error instanceof ConnectionError && error.beforeSend) return 'not-created-retry';
  // A connection failure after the request may have left is the client's to call ambiguous; if
  // it did not wrap it, treat it as ambiguous anyway: a second task costs money, a doubt does not.
  if (error instanceof ConnectionError) return 'may-have-created';
  // An HTTP error answer (4xx; the client turns 5xx into SubmitOutcomeUnknownError) or a body
  // refused before sending.
  if (error instanceof ApiError || error instanceof ValidationError) return 'rejected';
  return 'may-have-created';
}
