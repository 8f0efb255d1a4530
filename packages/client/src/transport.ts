/**
 * The fetch that openapi-fetch calls: adds the API key, enforces the per-attempt timeout
 * (body included), follows redirects without leaking the key to another host, and applies the
 * retry policy. HTTP error statuses are returned (openapi-fetch turns them into `error`); only
 * transport failures throw, already typed.
 */
import {
  AbortError,
  ConnectionError,
  SubmitOutcomeUnknownError,
  TimeoutError,
  ViduError,
  missingApiKeyError,
} from './errors.js';
import { outcomeMayHaveCreatedTask, retryDelay, shouldRetry, type AttemptOutcome, type RequestKind } from './policy.js';
import type { ViduDebugEvent } from './types.js';

export interface TransportConfig {
  apiKey: string | undefined;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  retrySubmitOnAmbiguousFailure: boolean;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  debug: (event: ViduDebugEvent) => void;
}

export interface CallContext {
  operation: string;
  kind: RequestKind;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  taskId?: string | undefined;
}

/** Error codes that prove the request never left this machine (or never reached HTTP). */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** The first `code` found on an error, its causes, or an AggregateError's members. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code) return e.code;
  const fromCause = errorCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const c = errorCode(inner, depth + 1);
    if (c) return c;
  }
  return undefined;
}

/** Every member of an AggregateError must have failed before sending for the whole to count. */
function failedBeforeSend(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (Array.isArray(e.errors) && e.errors.length) return e.errors.every((x) => failedBeforeSend(x, depth + 1));
  if (typeof e.code === 'string' && e.code) return BEFORE_SEND_CODES.has(e.code);
  // fetch refuses the Fetch standard's "bad ports" (1, 9, 6000, ...) locally, with no code.
  if ((err as Error).message === 'bad port') return true;
  return failedBeforeSend(e.cause, depth + 1);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** https anywhere; http only to this machine (a local mock or simulator). */
export function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.test(url.hostname);
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 5;

/**
 * Reads the body, giving up when `signal` fires even if the fetch implementation does not tie
 * the body stream to the request's signal (some polyfills and test fakes do not).
 */
function readBody(res: Response, signal: AbortSignal): Promise<ArrayBuffer> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const onAbort = () => {
      res.body?.cancel().catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    res.arrayBuffer().then(
      (buf) => {
        signal.removeEventListener('abort', onAbort);
        resolve(buf);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

class AttemptFailure {
  constructor(
    readonly outcome: AttemptOutcome,
    readonly error: ViduError,
  ) {}
}

export function createTransport(config: TransportConfig) {
  /** One attempt, redirects included. Resolves with a fully buffered response. */
  async function attempt(
    ctx: CallContext,
    url: string,
    method: string,
    headers: Headers,
    body: ArrayBuffer | undefined,
    attemptNo: number,
  ): Promise<Response> {
    const timeoutMs = ctx.timeoutMs ?? config.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    const base = { operation: ctx.operation, method, attempt: attemptNo };
    let currentUrl = url;
    try {
      let currentMethod = method;
      let currentBody = body;
      const currentHeaders = new Headers(headers);
      for (let hop = 0; ; hop++) {
        config.debug({ type: 'request', ...base, method: currentMethod, url: currentUrl });
        const res = await config.fetch(currentUrl, {
          method: currentMethod,
          headers: currentHeaders,
          body: currentBody ?? null,
          signal: controller.signal,
          redirect: 'manual',
        });
        if (res.type === 'opaqueredirect') {
          // Browsers hide where a manual redirect goes; following it blindly could send the key.
          throw new AttemptFailure(
            { kind: 'response', status: 300 },
            new ConnectionError(`${ctx.operation}: the server redirected and this runtime cannot follow a redirect safely; set baseUrl to the final address`, { operation: ctx.operation }),
          );
        }
        const location = res.headers.get('location');
        if (REDIRECT.has(res.status) && location) {
          await res.body?.cancel().catch(() => {});
          if (hop >= MAX_REDIRECTS) {
            throw new AttemptFailure({ kind: 'response', status: res.status }, new ConnectionError(`${ctx.operation}: too many redirects`, { operation: ctx.operation }));
          }
          const next = new URL(location, currentUrl);
          if (!isAllowedUrl(next)) {
            throw new AttemptFailure(
              { kind: 'response', status: res.status },
              new ConnectionError(`${ctx.operation}: refused to follow a redirect to ${next.protocol}//${next.host} (only https, or http on loopback)`, { operation: ctx.operation }),
            );
          }
          const dropAuthorization = next.origin !== new URL(currentUrl).origin;
          // The key is for the API host only: another host never sees it.
          if (dropAuthorization) currentHeaders.delete('authorization');
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && currentMethod === 'POST')) {
            currentMethod = 'GET';
            currentBody = undefined;
            currentHeaders.delete('content-type');
          }
          config.debug({ type: 'redirect', ...base, method: currentMethod, url: currentUrl, location: next.href, dropAuthorization });
          currentUrl = next.href;
          continue;
        }
        // Read the whole body inside the time limit, so a reset mid-response is seen here.
        const buffer = NULL_BODY.has(res.status) ? null : await readBody(res, controller.signal);
        config.debug({ type: 'response', ...base, url: currentUrl, status: res.status, durationMs: Date.now() - started });
        const init: ResponseInit = { status: res.status, statusText: res.statusText, headers: res.headers };
        return res.status >= 200 && res.status <= 599 ? new Response(buffer, init) : new Response(buffer, { ...init, status: 502 });
      }
    } catch (err) {
      if (err instanceof AttemptFailure) throw err;
      const durationMs = Date.now() - started;
      let failure: AttemptFailure;
      if (ctx.signal?.aborted) {
        failure = new AttemptFailure({ kind: 'abort' }, new AbortError(`${ctx.operation} was aborted`, { operation: ctx.operation, cause: err, ...(ctx.taskId ? { taskId: ctx.taskId } : {}) }));
      } else if (timedOut) {
        failure = new AttemptFailure({ kind: 'timeout' }, new TimeoutError(timeoutMs, { operation: ctx.operation, ...(ctx.taskId ? { taskId: ctx.taskId } : {}) }));
      } else {
        const code = errorCode(err);
        const beforeSend = failedBeforeSend(err);
        const what = err instanceof Error ? err.message : String(err);
        failure = new AttemptFailure(
          { kind: beforeSend ? 'connect' : 'network' },
          new ConnectionError(`${ctx.operation}: ${what}${code ? ` (${code})` : ''}`, {
            operation: ctx.operation,
            cause: err,
            beforeSend,
            ...(code ? { code } : {}),
            ...(ctx.taskId ? { taskId: ctx.taskId } : {}),
          }),
        );
      }
      config.debug({ type: 'error', ...base, url: currentUrl, error: failure.error.message, durationMs });
      throw failure;
    } finally {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A fetch bound to one call's context, for openapi-fetch's `fetch` option. */
  function bind(ctx: CallContext): typeof fetch {
    return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (!config.apiKey) throw missingApiKeyError(ctx.operation);
      const signal = ctx.signal ?? (input instanceof Request ? request.signal : init?.signal ?? undefined);
      const call: CallContext = { ...ctx, signal };
      const method = request.method.toUpperCase();
      const body = method === 'GET' || method === 'HEAD' || !request.body ? undefined : await request.arrayBuffer();
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${config.apiKey}`);
      const maxRetries = Math.max(0, Math.floor(ctx.maxRetries ?? config.maxRetries));
      const policy = { retrySubmitOnAmbiguousFailure: config.retrySubmitOnAmbiguousFailure };
      let mayHaveCreated = false;

      for (let attemptNo = 0; ; attemptNo++) {
        if (signal?.aborted) throw new AbortError(`${ctx.operation} was aborted`, { operation: ctx.operation });
        let outcome: AttemptOutcome;
        let response: Response | undefined;
        let failure: AttemptFailure | undefined;
        try {
          response = await attempt(call, request.url, method, headers, body, attemptNo);
          outcome = { kind: 'response', status: response.status };
        } catch (err) {
          if (!(err instanceof AttemptFailure)) throw err;
          failure = err;
          outcome = err.outcome;
        }
        if (ctx.kind === 'submit' && outcomeMayHaveCreatedTask(outcome)) mayHaveCreated = true;
        const ok = response !== undefined && response.status < 400;
        let delay: number | undefined;
        if (!ok && attemptNo < maxRetries && shouldRetry(ctx.kind, outcome, policy)) {
          delay = retryDelay(attemptNo, response?.headers, {
            baseDelayMs: config.retryBaseDelayMs,
            maxDelayMs: config.retryMaxDelayMs,
            maxRetryAfterMs: config.maxRetryAfterMs,
            random: config.random,
          });
        }
        if (delay === undefined) {
          if (response) return response;
          const error = failure!.error;
          if (ctx.kind === 'submit' && mayHaveCreated && outcome.kind !== 'abort') {
            throw new SubmitOutcomeUnknownError({ operation: ctx.operation, detail: error.message, cause: error });
          }
          throw error;
        }
        config.debug({
          type: 'retry',
          operation: ctx.operation,
          method,
          url: request.url,
          attempt: attemptNo + 1,
          delayMs: delay,
          why: outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.kind,
        });
        await (signal ? config.sleep(delay, signal) : config.sleep(delay)).catch((e: unknown) => {
          throw e instanceof AbortError ? new AbortError(`${ctx.operation} was aborted while waiting to retry`, { operation: ctx.operation }) : e;
        });
        if (signal?.aborted) throw new AbortError(`${ctx.operation} was aborted while waiting to retry`, { operation: ctx.operation });
      }
    };
  }

  return { bind };
}
