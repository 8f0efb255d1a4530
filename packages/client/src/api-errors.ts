/**
 * HTTP error answers: one `ApiError` with one small subclass per meaning, chosen by a single
 * factory (`createApiError`) from the status and the provider's `reason`.
 */
import { ViduError, named, type ViduErrorOptions } from './errors.js';
import { MAX_FIELD_CHARS, redactValue, safeText } from './redact.js';

export interface ApiErrorInit extends ViduErrorOptions {
  status: number;
  reason?: string;
  message?: string;
  metadata?: Record<string, unknown>;
  requestId?: string;
  operation: string;
  /** The raw body text when it was not the JSON error shape (HTML from a proxy), shortened. */
  bodyText?: string;
}

/**
 * The server answered with an HTTP error status.
 *
 * @example
 * ```ts
 * import { createViduClient, ApiError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof ApiError) console.log(error.status, error.reason, error.requestId); // for a support ticket
 * });
 * ```
 */
export class ApiError extends ViduError {
  /** The HTTP status; 0 only for `AuthenticationError` when no key was given and nothing was sent. */
  readonly status: number;
  /** The provider's machine-readable code, such as `INVALID_API_KEY`. */
  readonly reason?: string;
  readonly metadata?: Record<string, unknown>;
  /** A request id from the response headers, for support tickets. */
  readonly requestId?: string;
  declare operation: string;
  /** The start of a body that was not JSON (for example a proxy's HTML page). */
  readonly bodyText?: string;

  constructor(init: ApiErrorInit) {
    const detail = init.message || (init.bodyText ? 'non-JSON error body' : 'empty error body');
    const reason = init.reason ? ` ${safeText(init.reason, 100)}` : '';
    super(
      init.status === 0
        ? `${init.operation}: ${safeText(detail, 600)} (no request was made)`
        : `${init.operation} failed with HTTP ${init.status}${reason}: ${safeText(detail, 600)}`,
      init,
    );
    this.status = init.status;
    if (init.reason !== undefined) this.reason = safeText(init.reason, 200);
    if (init.metadata !== undefined) this.metadata = redactValue(init.metadata) as Record<string, unknown>;
    if (init.requestId !== undefined) this.requestId = safeText(init.requestId, 200);
    if (init.bodyText !== undefined) this.bodyText = safeText(init.bodyText, MAX_FIELD_CHARS + 1);
    this.operation = init.operation;
  }
}
named(ApiError, 'ApiError');

/**
 * 401, 403 with a key problem (`INVALID_API_KEY`, `MISSING_API_KEY`, `BILLING_AUTH_FAILED`), or no key configured.
 *
 * @example
 * ```ts
 * import { createViduClient, AuthenticationError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof AuthenticationError) console.log('check VIDU_API_KEY:', error.reason); // INVALID_API_KEY, MISSING_API_KEY, ...
 * });
 * ```
 */
export class AuthenticationError extends ApiError {}
/**
 * The key is valid but not allowed to use this feature or API (403 `FEATURE_NOT_ALLOWED`, `API_NOT_ALLOWED`).
 *
 * @example
 * ```ts
 * import { createViduClient, PermissionDeniedError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof PermissionDeniedError) console.log('this key may not use this model:', error.reason);
 * });
 * ```
 */
export class PermissionDeniedError extends ApiError {}
/**
 * The account's balance cannot pay for the task (`BILLING_BALANCE_NOT_ENOUGH`).
 *
 * @example
 * ```ts
 * import { createViduClient, InsufficientBalanceError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof InsufficientBalanceError) console.log('top up the account before submitting again');
 * });
 * ```
 */
export class InsufficientBalanceError extends ApiError {}
/**
 * 400 for any other reason: the provider rejected the request (illegal prompt, image, body).
 *
 * @example
 * ```ts
 * import { createViduClient, BadRequestError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof BadRequestError) console.log('the provider refused the request:', error.reason, error.message); // e.g. ILLEGAL_PROMPT
 * });
 * ```
 */
export class BadRequestError extends ApiError {}
/**
 * 404: unknown API or task.
 *
 * @example
 * ```ts
 * import { createViduClient, NotFoundError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof NotFoundError) console.log('unknown API or task', error.status);
 * });
 * ```
 */
export class NotFoundError extends ApiError {}
/**
 * 404 `TASK_NOT_FOUND`: no task with this id (for this key).
 *
 * @example
 * ```ts
 * import { createViduClient, TaskNotFoundError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof TaskNotFoundError) console.log(`no task ${error.taskId} for this key`);
 * });
 * ```
 */
export class TaskNotFoundError extends NotFoundError {}
/**
 * 429: too many requests this minute.
 *
 * @example
 * ```ts
 * import { createViduClient, RateLimitError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof RateLimitError) console.log(`retry in ${error.retryAfterMs ?? 1000} ms`); // reads are retried for you; this is after the retries
 * });
 * ```
 */
export class RateLimitError extends ApiError {
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  constructor(init: ApiErrorInit & { retryAfterMs?: number }) {
    super(init);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}
/**
 * 5xx: the provider (or a proxy in front of it) failed.
 *
 * @example
 * ```ts
 * import { createViduClient, ServerError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof ServerError) console.log('the provider failed, status', error.status); // reads were retried first
 * });
 * ```
 */
export class ServerError extends ApiError {}
named(AuthenticationError, 'AuthenticationError');
named(PermissionDeniedError, 'PermissionDeniedError');
named(InsufficientBalanceError, 'InsufficientBalanceError');
named(BadRequestError, 'BadRequestError');
named(NotFoundError, 'NotFoundError');
named(TaskNotFoundError, 'TaskNotFoundError');
named(RateLimitError, 'RateLimitError');
named(ServerError, 'ServerError');

/** Header names that carry a request id, most specific first. */
export const REQUEST_ID_HEADERS = ['x-request-id', 'x-novita-request-id', 'request-id', 'x-trace-id', 'x-amzn-requestid', 'cf-ray'];

/** The request id of an answer, when its headers carry one. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined;
  for (const h of REQUEST_ID_HEADERS) {
    const v = headers.get(h);
    if (v) return v;
  }
  return undefined;
}

export interface ApiErrorSource {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON, or undefined/'' when empty. */
  body: unknown;
  headers?: Headers;
  operation: string;
  taskId?: string;
  /** Parsed Retry-After (see `parseRetryAfter`), for 429. */
  retryAfterMs?: number;
}

const KEY_REASONS = new Set(['INVALID_API_KEY', 'MISSING_API_KEY', 'BILLING_AUTH_FAILED']);

/** The fields of a JSON error body, or the useful line of a text/HTML one. */
function readErrorBody(raw: unknown): Pick<ApiErrorInit, 'reason' | 'message' | 'metadata' | 'bodyText'> {
  let body = raw;
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      body = JSON.parse(body.trim());
    } catch {
      /* keep the text */
    }
  }
  const out: Pick<ApiErrorInit, 'reason' | 'message' | 'metadata' | 'bodyText'> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (typeof b.reason === 'string' && b.reason) out.reason = b.reason;
    if (typeof b.message === 'string' && b.message) out.message = b.message;
    else if (typeof b.error === 'string' && b.error) out.message = b.error;
    else if (b.error && typeof b.error === 'object' && typeof (b.error as { message?: unknown }).message === 'string') {
      out.message = (b.error as { message: string }).message;
    }
    if (b.metadata && typeof b.metadata === 'object' && !Array.isArray(b.metadata)) out.metadata = b.metadata as Record<string, unknown>;
  } else if (typeof body === 'string' && body.trim()) {
    const text = body.trim().slice(0, 64 * 1024);
    out.bodyText = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    // An HTML page's title is the most useful line of it.
    const title = /<title[^>]*>([^<]{0,500})<\/title>/i.exec(text)?.[1]?.trim();
    const message = title || (text.startsWith('<') ? undefined : out.bodyText.slice(0, 200));
    if (message) out.message = message;
  }
  return out;
}

/**
 * The single factory that turns an HTTP error answer into the right `ApiError` subclass, from
 * the status and the provider's `reason`. Works with JSON, HTML, text and empty bodies.
 *
 * @example
 * ```ts
 * import { createApiError, RateLimitError } from '@vidukit/client';
 *
 * const res = await fetch('https://api.novita.ai/v3/async/task-result?task_id=x');
 * if (!res.ok) {
 *   const error = createApiError({ status: res.status, body: await res.text(), headers: res.headers, operation: 'getTaskResult' });
 *   if (error instanceof RateLimitError) console.log('slow down', error.retryAfterMs);
 *   throw error;
 * }
 * ```
 */
export function createApiError(src: ApiErrorSource): ApiError {
  const init: ApiErrorInit = { status: src.status, operation: src.operation, ...readErrorBody(src.body) };
  const requestId = requestIdOf(src.headers);
  if (requestId !== undefined) init.requestId = requestId;
  if (src.taskId !== undefined) init.taskId = src.taskId;
  const { status } = src;
  const { reason } = init;
  if (reason === 'BILLING_BALANCE_NOT_ENOUGH') return new InsufficientBalanceError(init);
  if (status === 401 || (reason !== undefined && KEY_REASONS.has(reason))) return new AuthenticationError(init);
  if (status === 403) {
    return reason === 'FEATURE_NOT_ALLOWED' || reason === 'API_NOT_ALLOWED' ? new PermissionDeniedError(init) : new AuthenticationError(init);
  }
  if (status === 404) {
    if (reason === 'TASK_NOT_FOUND' || (reason === undefined && src.operation === 'getTaskResult')) return new TaskNotFoundError(init);
    return new NotFoundError(init);
  }
  if (status === 429) return new RateLimitError(src.retryAfterMs !== undefined ? { ...init, retryAfterMs: src.retryAfterMs } : init);
  if (status >= 500) return new ServerError(init);
  if (status === 400) return new BadRequestError(init);
  return new ApiError(init);
}

/** The error for a call to a remote server made without an API key: nothing was sent. */
export function missingApiKeyError(operation: string): AuthenticationError {
  return new AuthenticationError({
    status: 0,
    operation,
    reason: 'MISSING_API_KEY',
    message: 'no API key given: pass createViduClient({ apiKey }) or set the VIDU_API_KEY environment variable',
  });
}
