/**
 * The retry policy, in one place: whether a failure is worth another attempt (`shouldRetry`,
 * `isRetryable`), whether a failed submit may have created (and billed) a task
 * (`mayHaveCreatedTask`), and how long to wait before the next attempt (`retryDelay`).
 * The client's transport, the polling package and the CLI all decide through these functions;
 * nothing else classifies errors for retrying.
 */

/** A read (task result) may be repeated freely; a submit creates a billed task. */
export type RequestKind = 'read' | 'submit';

/**
 * What one attempt ended with:
 * - `response`: the server answered with this status;
 * - `connect`: the connection failed before the request was sent (refused, DNS, TLS handshake);
 * - `network`: the connection failed after the request may have been sent (reset, closed);
 * - `timeout`: the attempt took longer than `timeoutMs`;
 * - `unreadable`: the server answered (with `status`) but the body could not be read or does
 *   not have the documented shape;
 * - `too-large`: the answer was larger than `maxResponseBytes`;
 * - `abort`: the caller's signal fired; `sent` when the request may already have left.
 */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'connect' | 'network' | 'timeout' | 'too-large' }
  | { kind: 'unreadable'; status?: number }
  | { kind: 'abort'; sent?: boolean };

export interface RetryPolicyOptions {
  /** Treat a submit's ambiguous failures (timeout, reset, 408, 5xx) like a read's. */
  retrySubmitOnAmbiguousFailure?: boolean;
}

/**
 * True when a submit ending with this outcome may have created the task.
 *
 * @example
 * ```ts
 * import { outcomeMayHaveCreatedTask } from '@vidukit/client';
 *
 * outcomeMayHaveCreatedTask({ kind: 'timeout' }); // true: the request may have arrived
 * outcomeMayHaveCreatedTask({ kind: 'connect' }); // false: it never left the machine
 * outcomeMayHaveCreatedTask({ kind: 'response', status: 502 }); // true
 * ```
 */
export function outcomeMayHaveCreatedTask(outcome: AttemptOutcome): boolean {
  switch (outcome.kind) {
    case 'timeout':
    case 'network':
    case 'unreadable':
    case 'too-large':
      return true;
    case 'abort':
      return outcome.sent === true;
    case 'response':
      // A 408 or 5xx may come after the task was created (a proxy timing out in front of a
      // provider that went on working). 2xx is a success; other 4xx and 429 created nothing.
      return outcome.status === 408 || outcome.status >= 500;
    default:
      return false;
  }
}

/**
 * Whether a failure of this outcome, for this kind of request, is worth another attempt.
 *
 * @example
 * ```ts
 * import { shouldRetry } from '@vidukit/client';
 *
 * shouldRetry('read', { kind: 'response', status: 503 }); // true: reading again is harmless
 * shouldRetry('submit', { kind: 'response', status: 503 }); // false: the task may exist and be billed
 * shouldRetry('submit', { kind: 'connect' }); // true: the request never left the machine
 * ```
 */
export function shouldRetry(kind: RequestKind, outcome: AttemptOutcome, options: RetryPolicyOptions = {}): boolean {
  switch (outcome.kind) {
    // The caller asked to stop.
    case 'abort':
      return false;
    // Nothing left the machine (or the server refused before reading it): safe for everything.
    case 'connect':
      return true;
    // The same server would send the same oversized answer again.
    case 'too-large':
      return false;
    // A 2xx to a submit whose body is lost almost surely created the task: never again.
    case 'unreadable':
      return kind === 'read';
    case 'response': {
      // 429: the server turned the request away without creating anything.
      if (outcome.status === 429) return true;
      if (!outcomeMayHaveCreatedTask(outcome)) return false;
      break;
    }
  }
  // timeout / network / 408 / 5xx: the request may have reached the server. Reads retry;
  // submits only if the user accepted the risk of a second billed task.
  return kind === 'read' || options.retrySubmitOnAmbiguousFailure === true;
}

function field(error: unknown, name: string): unknown {
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * The outcome an error stands for, read structurally (by `name` and fields), so it works for
 * errors of another copy of this package (ESM next to CJS), DOMExceptions and test fakes.
 * Undefined for errors that are not about an attempt (validation, task failed, ...).
 *
 * @example
 * ```ts
 * import { createViduClient, outcomeOf } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * try {
 *   await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * } catch (error) {
 *   console.log(outcomeOf(error)); // e.g. { kind: 'response', status: 503 } or { kind: 'timeout' }
 * }
 * ```
 */
export function outcomeOf(error: unknown): AttemptOutcome | undefined {
  const name = field(error, 'name');
  switch (name) {
    case 'AbortError':
    case 'WaitAbortedError':
      return { kind: 'abort', sent: field(error, 'requestSent') === true };
    case 'TimeoutError':
      return { kind: 'timeout' };
    case 'ConnectionError':
      return { kind: field(error, 'beforeSend') === true ? 'connect' : 'network' };
    case 'ResponseTooLargeError':
      return { kind: 'too-large' };
    case 'InvalidResponseError': {
      const status = field(error, 'status');
      return typeof status === 'number' ? { kind: 'unreadable', status } : { kind: 'unreadable' };
    }
  }
  const status = field(error, 'status');
  if (typeof status === 'number' && status >= 100 && status <= 599) return { kind: 'response', status };
  return undefined;
}

/**
 * Whether repeating the call that failed with `error` is worth it: connection failures,
 * timeouts, 408, 429, 5xx and unreadable answers for a read (the default `kind`); for a
 * submit, only what cannot have created a task (429, refused connections) unless
 * `retrySubmitOnAmbiguousFailure`. Never for aborts, 4xx or `SubmitOutcomeUnknownError`.
 *
 * @example
 * ```ts
 * import { createViduClient, isRetryable } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY, maxRetries: 0 });
 * try {
 *   await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * } catch (error) {
 *   console.log(isRetryable(error)); // true for a timeout, a reset, 429 or 5xx on a read
 *   console.log(isRetryable(error, { kind: 'submit' })); // only when no task can have been created
 * }
 * ```
 */
export function isRetryable(error: unknown, options: RetryPolicyOptions & { kind?: RequestKind } = {}): boolean {
  if (field(error, 'name') === 'SubmitOutcomeUnknownError') return false;
  const outcome = outcomeOf(error);
  return outcome !== undefined && shouldRetry(options.kind ?? 'read', outcome, options);
}

/**
 * Whether a submit that failed with `error` may have created (and billed) a task, so that
 * submitting again could bill twice: `SubmitOutcomeUnknownError`, and any error standing for a
 * timeout, a connection lost after sending, an abort after sending, an unreadable answer,
 * 408 or 5xx.
 *
 * @example
 * ```ts
 * import { createViduClient, mayHaveCreatedTask } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * try {
 *   await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * } catch (error) {
 *   if (mayHaveCreatedTask(error)) console.log('do not resubmit blindly: a billed task may exist');
 * }
 * ```
 */
export function mayHaveCreatedTask(error: unknown): boolean {
  if (field(error, 'name') === 'SubmitOutcomeUnknownError') return true;
  const outcome = outcomeOf(error);
  return outcome !== undefined && outcomeMayHaveCreatedTask(outcome);
}

/**
 * The server's wait hint in ms: `retry-after-ms`, else `Retry-After` as seconds or an HTTP date.
 * Undefined when there is none or it cannot be read.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from '@vidukit/client';
 *
 * parseRetryAfter(new Headers({ 'retry-after': '2' })); // 2000
 * parseRetryAfter(new Headers({ 'retry-after-ms': '250' })); // 250
 * parseRetryAfter(new Headers()); // undefined
 * ```
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
  return Math.max(0, date - now);
}

/**
 * The wait an error asks for (`RateLimitError.retryAfterMs`), in ms, when it carries one.
 *
 * @example
 * ```ts
 * import { createViduClient, retryAfterOf } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * try {
 *   await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * } catch (error) {
 *   const waitMs = retryAfterOf(error); // the server's Retry-After on a 429, in ms
 *   if (waitMs !== undefined) await new Promise((resolve) => setTimeout(resolve, waitMs));
 * }
 * ```
 */
export function retryAfterOf(error: unknown): number | undefined {
  const v = field(error, 'retryAfterMs');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export interface RetryDelayOptions {
  /** First backoff step (default 500 ms). */
  baseDelayMs?: number;
  /** Cap of a computed backoff (default 8000 ms). */
  maxDelayMs?: number;
  /** A server hint longer than this is not waited for (default 60000 ms). */
  maxRetryAfterMs?: number;
  /**
   * `full` (default): random() x step, spreads clients the most. `equal`: half the step plus
   * random() x half, never much shorter than the step.
   */
  jitter?: 'full' | 'equal';
  /** Random source in [0, 1) (default Math.random). */
  random?: () => number;
  now?: number;
}

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry): the server's hint
 * when it gave one (a `Headers` with `Retry-After`, an error with `retryAfterMs`, or ms), else
 * jitter over a capped exponential step `min(maxDelayMs, baseDelayMs * 2^retryIndex)`.
 * Returns undefined when the server asks for longer than `maxRetryAfterMs`: do not retry.
 *
 * @example
 * ```ts
 * import { retryDelay } from '@vidukit/client';
 *
 * retryDelay(0, new Headers({ 'retry-after': '3' })); // 3000: the server's hint wins
 * retryDelay(2, undefined, { random: () => 0.5 }); // 1000: half of min(8000, 500 * 2^2)
 * retryDelay(0, new Headers({ 'retry-after': '120' })); // undefined: longer than maxRetryAfterMs, give up
 * ```
 */
export function retryDelay(retryIndex: number, hint?: Headers | number | unknown, options: RetryDelayOptions = {}): number | undefined {
  const { baseDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = 60_000, random = Math.random } = options;
  const asked =
    typeof hint === 'number'
      ? Number.isFinite(hint) && hint >= 0 ? hint : undefined
      : typeof Headers !== 'undefined' && hint instanceof Headers
        ? parseRetryAfter(hint, options.now)
        : retryAfterOf(hint);
  if (asked !== undefined) return asked > maxRetryAfterMs ? undefined : asked;
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retryIndex));
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.floor(options.jitter === 'equal' ? step / 2 + (step / 2) * jitter : jitter * step);
}
