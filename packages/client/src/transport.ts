/**
 * The request pipeline: every call (typed methods and the raw openapi-fetch client alike) goes
 * through `call`, which sends a request prepared once, enforces one time limit per attempt
 * covering the answer's body, caps the body's size, follows redirects without leaking
 * credentials, parses the answer once, and asks the policy (policy.ts) whether to try again
 * and whether a failed submit may have created a task.
 */
import { createApiError } from './api-errors.js';
import { readCapped, OverCap } from './body.js';
import {
  AbortError,
  ConnectionError,
  InvalidResponseError,
  ResponseTooLargeError,
  SubmitOutcomeUnknownError,
  TimeoutError,
} from './transport-errors.js';
import type { ViduError } from './errors.js';
import { errorCode, failedBeforeSend, innermostMessage, isAllowedUrl, isCredentialHeader } from './net.js';
import { outcomeMayHaveCreatedTask, parseRetryAfter, retryDelay, shouldRetry, type AttemptOutcome, type RequestKind } from './policy.js';
import type { ViduDebugEvent } from './types.js';

export interface TransportConfig {
  fetch: typeof fetch;
  /**
   * True for the runtime's own fetch, which (as the Fetch standard says) errors the body when
   * the request's signal aborts. A custom fetch may not, so its body read is raced instead.
   */
  standardFetch: boolean;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  retrySubmitOnAmbiguousFailure: boolean;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Undefined when nobody listens: no event objects are built. */
  debug: ((event: ViduDebugEvent) => void) | undefined;
}

/** One call, prepared once by the caller: URL, headers and body text are sent as they are. */
export interface Call {
  operation: string;
  kind: RequestKind;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | ArrayBuffer | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  taskId?: string | undefined;
  /** `json`: a 2xx is parsed (and checked); any other status is thrown as an `ApiError`. `raw`: every answer is returned as text. */
  mode: 'json' | 'raw';
  /** For `json`: why a parsed 2xx body is not the documented shape, or undefined when it is. */
  check?: ((data: unknown) => string | undefined) | undefined;
}

export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  url: string;
  /** The body text (`raw` mode) or '' (`json` mode, already parsed into `data`). */
  text: string;
  data: unknown;
  attempts: number;
}

type Failure = { error: ViduError; outcome: AttemptOutcome; headers?: Headers };
type Attempt = { answer: Answer; outcome?: AttemptOutcome } | Failure;

const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Statuses whose answer has no body (a Response cannot be built with one). */
export const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 5;
/** Error answers are read this far at most; their start says all there is to say. */
const MAX_ERROR_BODY = 64 * 1024;

/** Attempts one reused abort controller serves before it is dropped (see `idle` below). */
const MAX_USES = 16;
/** Idle controllers kept at most: the pool only covers the usual concurrency. */
const MAX_IDLE = 256;
interface Lease {
  controller: AbortController;
  uses: number;
}

/** The operation (and task id) an error names; built only when there is an error. */
const idsOf = (c: Call): { operation: string; taskId?: string } =>
  c.taskId !== undefined ? { operation: c.operation, taskId: c.taskId } : { operation: c.operation };

export function createTransport(config: TransportConfig) {
  const { debug } = config;
  const policy = { retrySubmitOnAmbiguousFailure: config.retrySubmitOnAmbiguousFailure };
  /**
   * Abort controllers whose signal never fired, for reuse by later attempts (the runtime's own
   * fetch only: a custom fetch may keep the signal it got). A fresh controller per attempt was
   * a large part of a read's cost on Node: creating the signal, and undici keeping it alive (a
   * FinalizationRegistry entry holds it) until a full garbage collection. Each fetch leaves a
   * listener on the signal until the runtime collects that request, and every later fetch walks
   * those listeners, so a controller is retired after MAX_USES attempts.
   */
  const idle: Lease[] | undefined = config.standardFetch ? [] : undefined;
  const delayOptions = {
    baseDelayMs: config.retryBaseDelayMs,
    maxDelayMs: config.retryMaxDelayMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
    random: config.random,
  };

  /** Turns a final answer into what the caller gets, or the typed error and its outcome. */
  function interpret(c: Call, res: Response, text: string, url: string, attemptNo: number): Attempt {
    const { status } = res;
    const answer: Answer = { status, statusText: res.statusText, headers: res.headers, url, text, data: undefined, attempts: attemptNo + 1 };
    if (c.mode === 'raw') return status < 400 ? { answer } : { answer, outcome: { kind: 'response', status } };
    if (status >= 200 && status < 300) {
      let problem: string | undefined;
      try {
        answer.data = JSON.parse(text);
      } catch {
        problem = `is not JSON${text ? '' : ' (empty body)'}`;
      }
      problem ??= c.check?.(answer.data);
      if (problem !== undefined) {
        return { error: new InvalidResponseError(`${c.operation}: the answer (HTTP ${status}) ${problem}`, { ...idsOf(c), status }), outcome: { kind: 'unreadable', status } };
      }
      answer.text = '';
      return { answer };
    }
    const error = createApiError({ status, body: text, headers: res.headers, ...idsOf(c), retryAfterMs: parseRetryAfter(res.headers) });
    return { error, outcome: { kind: 'response', status }, headers: res.headers };
  }

  /** The error a call ends with: a submit that may have created its task says so, whatever came last. */
  function final(c: Call, error: ViduError, mayHaveCreated: boolean): ViduError {
    if (c.kind !== 'submit' || !mayHaveCreated) return error;
    const status = (error as { status?: unknown }).status;
    return new SubmitOutcomeUnknownError({
      operation: c.operation,
      detail: error.message,
      cause: error,
      ...(typeof status === 'number' && status > 0 ? { status } : {}),
    });
  }

  /**
   * Sends a prepared call with retries; resolves with `finish(answer)` or rejects with a typed
   * error. Each attempt (redirects included) runs under one timer that also covers reading the
   * body. The attempts run inline and `finish` runs here, so a call is one promise layer on top
   * of fetch's own.
   */
  async function call<T>(c: Call, finish: (answer: Answer) => T): Promise<T> {
    const timeoutMs = c.timeoutMs ?? config.timeoutMs;
    const maxRetries = c.maxRetries ?? config.maxRetries;
    const { signal } = c;
    let mayHaveCreated = false;
    for (let attemptNo = 0; ; attemptNo++) {
      if (signal?.aborted) throw final(c, new AbortError(`${c.operation} was aborted`, { operation: c.operation }), mayHaveCreated);
      const lease = idle?.pop() ?? { controller: new AbortController(), uses: 0 };
      const { controller } = lease;
      let timedOut = false;
      let stopBody: ((reason: unknown) => void) | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        stopBody?.(new Error('timed out'));
      }, timeoutMs);
      let onAbort: (() => void) | undefined;
      if (signal) {
        onAbort = () => {
          controller.abort();
          stopBody?.(new Error('aborted'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const started = debug ? Date.now() : 0;
      let { url, method, body, headers } = c;
      let sent = false;
      let result: Attempt;
      try {
        for (let hop = 0; ; hop++) {
          debug?.({ type: 'request', operation: c.operation, method, url, attempt: attemptNo });
          sent = true;
          const res = await config.fetch(url, { method, headers, body: body ?? null, signal: controller.signal, redirect: 'manual' });
          const { status } = res;
          if (res.type === 'opaqueredirect') {
            // Browsers hide where a manual redirect goes; following it blindly could send the key.
            const why = `${c.operation}: the server redirected and this runtime cannot follow a redirect safely; set baseUrl to the final address`;
            result = { error: new ConnectionError(why, idsOf(c)), outcome: { kind: 'response', status: 300 } };
            break;
          }
          const location = REDIRECT.has(status) ? res.headers.get('location') : null;
          if (location) {
            await res.body?.cancel().catch(() => {});
            const next = hop < MAX_REDIRECTS ? new URL(location, url) : undefined;
            if (!next || !isAllowedUrl(next)) {
              const why = next ? `refused to follow a redirect to ${next.protocol}//${next.host} (only https, or http on loopback)` : 'too many redirects';
              result = { error: new ConnectionError(`${c.operation}: ${why}`, idsOf(c)), outcome: { kind: 'response', status } };
              break;
            }
            const crossOrigin = next.origin !== new URL(url).origin;
            // Credentials are for the API host only: another origin never sees them.
            if (crossOrigin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !isCredentialHeader(k)));
            if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
              method = 'GET';
              body = undefined;
              headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
            }
            debug?.({ type: 'redirect', operation: c.operation, method, url, attempt: attemptNo, location: next.href, dropAuthorization: crossOrigin });
            url = next.href;
            continue;
          }
          const ok = status >= 200 && status < 300;
          let text = '';
          if (!NULL_BODY.has(status)) {
            const cap = ok ? config.maxResponseBytes : Math.min(config.maxResponseBytes, MAX_ERROR_BODY);
            let stopped: Promise<never> | undefined;
            if (!config.standardFetch) {
              // A custom fetch may not tie the body to the request's signal: race it.
              stopped = new Promise<never>((_, reject) => (stopBody = reject));
              if (controller.signal.aborted) stopBody?.(new Error('aborted'));
            }
            try {
              text = await (stopped ? Promise.race([readCapped(res, cap, !ok), stopped]) : readCapped(res, cap, !ok));
            } catch (err) {
              if (!(err instanceof OverCap)) throw err;
              result = { error: new ResponseTooLargeError(err.limit, { ...idsOf(c), status }), outcome: { kind: 'too-large' } };
              break;
            } finally {
              stopped?.catch(() => {});
            }
          }
          if (debug) debug({ type: 'response', operation: c.operation, method, url, attempt: attemptNo, status, durationMs: Date.now() - started });
          result = interpret(c, res, text, url, attemptNo);
          break;
        }
      } catch (err) {
        const ids = idsOf(c);
        let error: ViduError;
        if (signal?.aborted) {
          error = new AbortError(`${c.operation} was aborted`, { ...ids, cause: err, requestSent: sent });
          result = { error, outcome: { kind: 'abort', sent } };
        } else if (timedOut) {
          error = new TimeoutError(timeoutMs, ids);
          result = { error, outcome: { kind: 'timeout' } };
        } else {
          const code = errorCode(err);
          const beforeSend = failedBeforeSend(err);
          const inner = innermostMessage(err);
          const host = new URL(url).host;
          const what = beforeSend ? `could not connect to ${host}` : `the connection to ${host} failed`;
          error = new ConnectionError(`${c.operation}: ${what}: ${inner}${code && !inner.includes(code) ? ` (${code})` : ''}`, { ...ids, cause: err, beforeSend, ...(code ? { code } : {}) });
          result = { error, outcome: { kind: beforeSend ? 'connect' : 'network' } };
        }
        if (debug) debug({ type: 'error', operation: c.operation, method: c.method, url, attempt: attemptNo, error: error.message, durationMs: Date.now() - started });
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        // Only now is the attempt done with its signal (fetch settled, body read or cancelled);
        // a signal that fired is never handed to another request.
        if (idle && !timedOut && !signal?.aborted && ++lease.uses < MAX_USES && idle.length < MAX_IDLE) idle.push(lease);
      }
      const { outcome } = result;
      if (!outcome) return finish((result as { answer: Answer }).answer);
      if (c.kind === 'submit' && outcomeMayHaveCreatedTask(outcome)) mayHaveCreated = true;
      let delay: number | undefined;
      if (attemptNo < maxRetries && shouldRetry(c.kind, outcome, policy)) {
        delay = retryDelay(attemptNo, 'error' in result ? (result.headers ?? result.error) : result.answer.headers, delayOptions);
      }
      if (delay === undefined) {
        // The raw client returns error answers for openapi-fetch to hand over as `error`.
        if ('answer' in result) return finish(result.answer);
        throw final(c, result.error, mayHaveCreated);
      }
      debug?.({ type: 'retry', operation: c.operation, method: c.method, url: c.url, attempt: attemptNo + 1, delayMs: delay, why: outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.kind });
      try {
        await (signal ? config.sleep(delay, signal) : config.sleep(delay));
      } catch (err) {
        if (!signal?.aborted) throw err;
      }
    }
  }

  return { call };
}
