/**
 * Every error the client throws. One base class (`ViduError`), one `ApiError` for HTTP answers
 * with one small subclass per meaning, chosen by a single factory (`createApiError`), and the
 * errors that have no HTTP answer (connection, timeout, abort, unknown submit outcome).
 *
 * No message, stack, `toJSON()` or `util.inspect()` output carries an API key: every key a
 * client is created with is registered here and scrubbed from all text an error holds, and
 * anything that looks like a bearer token is scrubbed too.
 */

const REDACTED = '[REDACTED]';
const secrets = new Set<string>();

/**
 * Registers a secret (an API key) so that every error scrubs it from its text. Called by
 * `createViduClient`; exported for wrappers that hold other secrets.
 */
export function registerSecret(secret: string | undefined): void {
  // Very short strings would scrub ordinary words; a real key is long.
  if (typeof secret === 'string' && secret.length >= 8) secrets.add(secret);
}

/** Removes registered secrets and bearer tokens from a text. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out.replace(/(bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
}

/** Deep copy of a JSON-like value with every string redacted (for `metadata`, `toJSON`). */
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[Object]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (/^authorization$|api[-_]?key/i.test(k)) out[k] = REDACTED;
    else out[k] = redactValue(v, depth + 1);
  }
  return out;
}

/** A safe stand-in for an arbitrary thrown value: name, message and code, all scrubbed. */
function safeCause(cause: unknown): Error | undefined {
  if (cause === undefined) return undefined;
  if (cause instanceof ViduError) return cause;
  const c = cause as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const name = typeof c?.name === 'string' ? c.name : 'Error';
  const message =
    typeof c?.message === 'string' ? c.message : typeof cause === 'string' ? cause : String(name);
  const err = new Error(redact(message));
  err.name = redact(name);
  // Error.stack would show the original thrower's frames with the original message; keep ours.
  if (typeof c?.code === 'string' || typeof c?.code === 'number') {
    (err as Error & { code?: string | number }).code = c.code;
  }
  const inner = c && typeof c === 'object' && c.cause !== undefined && c.cause !== cause ? c.cause : undefined;
  if (inner !== undefined) Object.defineProperty(err, 'cause', { value: safeCause(inner), enumerable: false, configurable: true, writable: true });
  return err;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export interface ViduErrorOptions {
  cause?: unknown;
  taskId?: string;
  operation?: string;
}

/** Base class of every error thrown by vidukit. */
export class ViduError extends Error {
  /** The task concerned, when known. */
  taskId?: string;
  /** The operation id (`submitQ2ProFast`, `getTaskResult`, ...) that failed, when known. */
  operation?: string;

  constructor(message: string, options: ViduErrorOptions = {}) {
    super(redact(message));
    this.name = new.target.name;
    const cause = safeCause(options.cause);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
    if (options.taskId !== undefined) this.taskId = options.taskId;
    if (options.operation !== undefined) this.operation = options.operation;
    // Keep the message scrubbed even if a subclass or caller assigns it later.
    let msg = this.message;
    Object.defineProperty(this, 'message', {
      get: () => msg,
      set: (v: string) => {
        msg = redact(String(v));
      },
      enumerable: false,
      configurable: true,
    });
  }

  /** A plain, secret-free description for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) {
      if (v !== undefined) out[k] = redactValue(v);
    }
    const cause = (this as { cause?: unknown }).cause;
    if (cause instanceof ViduError) out.cause = cause.toJSON();
    else if (cause instanceof Error) out.cause = { name: cause.name, message: redact(cause.message), ...('code' in cause ? { code: (cause as { code?: unknown }).code } : {}) };
    return out;
  }

  /** What Node's `util.inspect` (and so `console.log`) shows: the stack and the safe fields. */
  [INSPECT](): string {
    const { name: _n, message: _m, ...fields } = this.toJSON();
    const stack = redact(this.stack ?? `${this.name}: ${this.message}`);
    return Object.keys(fields).length ? `${stack} ${JSON.stringify(fields, null, 2)}` : stack;
  }
}

/** One problem found in a request body before anything was sent. */
export interface ValidationIssue {
  /** Where, like `subjects[0].images`; empty for the body itself. */
  path: string;
  /** What is wrong, for a person: `must have at least 1 item`. */
  message: string;
  /** The limit that was crossed: a number, a pattern or format, or the allowed values. */
  limit?: number | string | string[];
}

/** A request body (or argument) the spec rejects. Nothing was sent. */
export class ValidationError extends ViduError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], options: ViduErrorOptions = {}) {
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    const head = options.operation ? `Invalid request for ${options.operation}` : 'Invalid request';
    super(`${head} (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${list.join('; ')}`, options);
    this.issues = issues.map((i) => ({ ...i, message: redact(i.message) }));
  }
}

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

/** The server answered with an HTTP error status. */
export class ApiError extends ViduError {
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
    super(`${init.operation} failed with HTTP ${init.status}${init.reason ? ` ${init.reason}` : ''}: ${detail}`, init);
    this.status = init.status;
    if (init.reason !== undefined) this.reason = redact(init.reason);
    if (init.metadata !== undefined) this.metadata = redactValue(init.metadata) as Record<string, unknown>;
    if (init.requestId !== undefined) this.requestId = redact(init.requestId);
    if (init.bodyText !== undefined) this.bodyText = redact(init.bodyText);
    this.operation = init.operation;
  }
}

/** 401, 403 with a key problem (`INVALID_API_KEY`, `MISSING_API_KEY`, `BILLING_AUTH_FAILED`), or no key configured. */
export class AuthenticationError extends ApiError {}
/** The key is valid but not allowed to use this feature or API (403 `FEATURE_NOT_ALLOWED`, `API_NOT_ALLOWED`). */
export class PermissionDeniedError extends ApiError {}
/** The account's balance cannot pay for the task (`BILLING_BALANCE_NOT_ENOUGH`). */
export class InsufficientBalanceError extends ApiError {}
/** 400 for any other reason: the provider rejected the request (illegal prompt, image, body). */
export class BadRequestError extends ApiError {}
/** 404: unknown API or task. */
export class NotFoundError extends ApiError {}
/** 404 `TASK_NOT_FOUND`: no task with this id (for this key). */
export class TaskNotFoundError extends NotFoundError {}
/** 429: too many requests this minute. */
export class RateLimitError extends ApiError {
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  constructor(init: ApiErrorInit & { retryAfterMs?: number }) {
    super(init);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}
/** 5xx: the provider (or a proxy in front of it) failed. */
export class ServerError extends ApiError {}

/** The request could not be delivered or its response could not be read. */
export class ConnectionError extends ViduError {
  /** The low-level code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, ...), when known. */
  readonly code?: string;
  /** True when the failure happened before the request left the machine (refused, DNS). */
  readonly beforeSend: boolean;
  constructor(message: string, options: ViduErrorOptions & { code?: string; beforeSend?: boolean } = {}) {
    super(message, options);
    if (options.code !== undefined) this.code = options.code;
    this.beforeSend = options.beforeSend ?? false;
  }
}

/** One attempt took longer than `timeoutMs`. */
export class TimeoutError extends ViduError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options: ViduErrorOptions = {}) {
    super(`${options.operation ?? 'request'} timed out after ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends ViduError {
  constructor(message = 'The operation was aborted', options: ViduErrorOptions = {}) {
    super(message, options);
  }
}

/**
 * A submit whose request may have reached the server but whose answer was lost (timeout,
 * connection reset, 5xx). The task may exist and be billed, so it is not retried (unless
 * `retrySubmitOnAmbiguousFailure` is set). Check your provider's dashboard before resubmitting.
 */
export class SubmitOutcomeUnknownError extends ViduError {
  /** The HTTP status when there was one (a 5xx). */
  readonly status?: number;
  constructor(options: ViduErrorOptions & { status?: number; detail?: string }) {
    super(
      `${options.operation ?? 'submit'}: the request may have reached the server but the answer was lost` +
        `${options.detail ? ` (${options.detail})` : ''}; the task may exist and be billed, so it was not retried`,
      options,
    );
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Header names that carry a request id, most specific first. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-novita-request-id', 'request-id', 'x-trace-id', 'x-amzn-requestid', 'cf-ray'];

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

/**
 * The single factory that turns an HTTP error answer into the right `ApiError` subclass, from
 * the status and the provider's `reason`. Works with JSON, HTML, text and empty bodies.
 */
export function createApiError(src: ApiErrorSource): ApiError {
  let reason: string | undefined;
  let message: string | undefined;
  let metadata: Record<string, unknown> | undefined;
  let bodyText: string | undefined;
  let body = src.body;
  if (typeof body === 'string') {
    const t = body.trim();
    if (t.startsWith('{')) {
      try {
        body = JSON.parse(t);
      } catch {
        /* keep the text */
      }
    }
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (typeof b.reason === 'string' && b.reason) reason = b.reason;
    if (typeof b.message === 'string' && b.message) message = b.message;
    else if (typeof b.error === 'string' && b.error) message = b.error;
    else if (b.error && typeof b.error === 'object' && typeof (b.error as { message?: unknown }).message === 'string') {
      message = (b.error as { message: string }).message;
    }
    if (b.metadata && typeof b.metadata === 'object' && !Array.isArray(b.metadata)) metadata = b.metadata as Record<string, unknown>;
  } else if (typeof body === 'string' && body.trim()) {
    const text = body.trim();
    bodyText = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    // An HTML page's title is the most useful line of it.
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    message = title || (text.startsWith('<') ? undefined : bodyText.slice(0, 200));
  }
  let requestId: string | undefined;
  for (const h of REQUEST_ID_HEADERS) {
    const v = src.headers?.get(h);
    if (v) {
      requestId = v;
      break;
    }
  }
  const init: ApiErrorInit = { status: src.status, operation: src.operation };
  if (reason !== undefined) init.reason = reason;
  if (message !== undefined) init.message = message;
  if (metadata !== undefined) init.metadata = metadata;
  if (requestId !== undefined) init.requestId = requestId;
  if (bodyText !== undefined) init.bodyText = bodyText;
  if (src.taskId !== undefined) init.taskId = src.taskId;

  const { status } = src;
  if (reason === 'BILLING_BALANCE_NOT_ENOUGH') return new InsufficientBalanceError(init);
  if (status === 401 || (reason !== undefined && KEY_REASONS.has(reason))) return new AuthenticationError(init);
  if (status === 403) {
    return reason === 'FEATURE_NOT_ALLOWED' || reason === 'API_NOT_ALLOWED'
      ? new PermissionDeniedError(init)
      : new AuthenticationError(init);
  }
  if (status === 404) {
    if (reason === 'TASK_NOT_FOUND' || (reason === undefined && src.operation === 'getTaskResult')) {
      return new TaskNotFoundError(init);
    }
    return new NotFoundError(init);
  }
  if (status === 429) {
    return new RateLimitError(src.retryAfterMs !== undefined ? { ...init, retryAfterMs: src.retryAfterMs } : init);
  }
  if (status >= 500) return new ServerError(init);
  if (status === 400) return new BadRequestError(init);
  return new ApiError(init);
}

/** The error for a call made without an API key configured. */
export function missingApiKeyError(operation: string): AuthenticationError {
  return new AuthenticationError({
    status: 0,
    operation,
    reason: 'MISSING_API_KEY',
    message: 'no API key: pass createViduClient({ apiKey }) or set the VIDU_API_KEY environment variable',
  });
}

/** An image the providers would reject (format, size, dimensions), caught before sending. */
export class ImageInputError extends ValidationError {}
