/**
 * The retry policy as three small functions: whether to retry (`shouldRetry`), how long to wait
 * (`retryDelay`), and an abortable `sleep`. The reasons are in the comments; the README says
 * the same for users.
 */
import { AbortError } from './errors.js';

/** A read (task result) may be repeated freely; a submit creates a billed task. */
export type RequestKind = 'read' | 'submit';

/**
 * What one attempt ended with:
 * - `response`: the server answered with this status;
 * - `connect`: the connection failed before the request was sent (refused, DNS, TLS handshake);
 * - `network`: the connection failed after the request may have been sent (reset, closed);
 * - `timeout`: the attempt took longer than `timeoutMs`;
 * - `abort`: the caller's signal fired.
 */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'connect' | 'network' | 'timeout' | 'abort' };

export interface RetryPolicyOptions {
  /** Treat a submit's ambiguous failures (timeout, reset, 5xx) like a read's. */
  retrySubmitOnAmbiguousFailure?: boolean;
}

/** Whether a failure of this outcome, for this kind of request, is worth another attempt. */
export function shouldRetry(kind: RequestKind, outcome: AttemptOutcome, options: RetryPolicyOptions = {}): boolean {
  // The caller asked to stop: never retry an abort.
  if (outcome.kind === 'abort') return false;
  // Nothing left the machine (or the server refused before reading it): safe for everything.
  if (outcome.kind === 'connect') return true;
  if (outcome.kind === 'response') {
    const { status } = outcome;
    // 429: the server turned the request away without creating anything; safe for everything.
    if (status === 429) return true;
    const transient = status === 408 || status >= 500;
    if (!transient) return false;
    // A 408 or 5xx to a submit may come after the task was created (a proxy timing out in front
    // of a provider that went on working): retrying could bill twice.
    return kind === 'read' || options.retrySubmitOnAmbiguousFailure === true;
  }
  // timeout / network: the request may have reached the server. Reads retry; submits only if
  // the user accepted the risk of a second billed task.
  return kind === 'read' || options.retrySubmitOnAmbiguousFailure === true;
}

/** True when a submit ending with this outcome may have created the task. */
export function isAmbiguousForSubmit(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'timeout' || outcome.kind === 'network') return true;
  return outcome.kind === 'response' && outcome.status >= 500;
}

const MAX_DATE_SKEW_MS = 0;

/**
 * The server's wait hint in ms: `retry-after-ms`, else `Retry-After` as seconds or an HTTP date.
 * Undefined when there is none or it cannot be read.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const ra = headers.get('retry-after');
  if (ra === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(MAX_DATE_SKEW_MS, date - now);
}

export interface RetryDelayOptions {
  /** First backoff step (default 500 ms). */
  baseDelayMs?: number;
  /** Cap of a computed backoff (default 8000 ms). */
  maxDelayMs?: number;
  /** A server hint longer than this is not waited for (default 60000 ms). */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) (default Math.random). */
  random?: () => number;
  now?: number;
}

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry): the server's hint
 * when it gave one, else full jitter over a capped exponential step:
 * `random() * min(maxDelayMs, baseDelayMs * 2^retryIndex)`.
 * Returns undefined when the server asks for longer than `maxRetryAfterMs`: do not retry.
 */
export function retryDelay(retryIndex: number, headers?: Headers, options: RetryDelayOptions = {}): number | undefined {
  const { baseDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = 60_000, random = Math.random } = options;
  const hint = parseRetryAfter(headers, options.now);
  if (hint !== undefined) return hint > maxRetryAfterMs ? undefined : hint;
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retryIndex));
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.floor(jitter * step);
}

/** Waits `ms`, or rejects with `AbortError` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError('Aborted while waiting to retry'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError('Aborted while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
