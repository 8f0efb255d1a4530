/**
 * What a download failure means for the retry decision (made by the client's `shouldRetry`, the
 * one retry policy): the attempt outcome it stands for, and the wait the storage host asked
 * for. Kept beside the error rather than on it, so `DownloadError`'s public shape is unchanged.
 */
import type { AttemptOutcome } from '@vidukit/client';

export const outcomes = new WeakMap<object, AttemptOutcome>();
/** Retry-After of the answer, in ms. */
export const retryHints = new WeakMap<object, number>();
