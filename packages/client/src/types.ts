import type {
  paths,
  SubmitMethods,
  SubmitOperationId,
  SubmitRequestBody,
  SubmitResponse,
  SubmitResponseWithProviderId,
  TaskResult,
} from '@vidukit/types';
import type { Client } from 'openapi-fetch';

/** The providers that serve the same API at different hosts. */
export type ViduProvider = 'novita' | 'highwayapi' | 'myrouter';

/** What the debug hook sees. Never headers, never the API key. */
export type ViduDebugEvent =
  | { type: 'request'; operation: string; method: string; url: string; attempt: number }
  | { type: 'response'; operation: string; method: string; url: string; attempt: number; status: number; durationMs: number }
  | { type: 'error'; operation: string; method: string; url: string; attempt: number; error: string; durationMs: number }
  | { type: 'retry'; operation: string; method: string; url: string; attempt: number; delayMs: number; why: string }
  | { type: 'redirect'; operation: string; method: string; url: string; attempt: number; location: string; dropAuthorization: boolean };

/** A console-like logger; only `debug` is used. */
export interface ViduLogger {
  debug(message: string, event: ViduDebugEvent): void;
}

export interface ViduClientOptions {
  /**
   * API key, sent trimmed. Default: `process.env.VIDU_API_KEY` where `process` exists. Not needed
   * for a loopback `baseUrl` (a local simulator); otherwise missing = `AuthenticationError` at
   * the first call, before anything is sent. A blank key or one with characters a header cannot
   * carry is refused here.
   */
  apiKey?: string;
  /** Which provider's host to call (default `novita`). Ignored when `baseUrl` is given. */
  provider?: ViduProvider;
  /** Base URL of the API (https, or http on a loopback host only). Overrides `provider`. */
  baseUrl?: string;
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Time limit of each attempt in ms, including reading the body (default 60000; at least 1). */
  timeoutMs?: number;
  /**
   * Largest answer body, in bytes after decompression (default 4 MiB; task results are a few
   * KB). A larger answer is refused with `ResponseTooLargeError` as soon as it passes the limit.
   */
  maxResponseBytes?: number;
  /** Retries after the first attempt (default 2). See the README for which failures retry. */
  maxRetries?: number;
  /**
   * Receives a debug event per request, response, retry and redirect. Without `logger` and
   * `onDebug`, the environment variable `VIDU_LOG=debug` prints the same events to stderr.
   */
  logger?: ViduLogger;
  /** Same events as `logger`, as a function. */
  onDebug?: (event: ViduDebugEvent) => void;
  /** Extra headers for every request (an `Authorization` here is ignored: use `apiKey`). */
  headers?: Record<string, string>;
  /** Check request bodies against the spec before sending (default true). */
  validate?: boolean;
  /**
   * Retry a submit after a timeout, a reset connection or a 5xx, when the server may already
   * have created (and billed) the task. Default false: such a submit throws `SubmitOutcomeUnknownError`.
   */
  retrySubmitOnAmbiguousFailure?: boolean;
  /** First backoff step in ms (default 500). */
  retryBaseDelayMs?: number;
  /** Cap of one backoff sleep in ms (default 8000). */
  retryMaxDelayMs?: number;
  /** A `Retry-After` longer than this (ms, default 60000) is not waited for: the error is thrown. */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) for jitter (tests). */
  random?: () => number;
  /** Sleep used between retries (tests); must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What the answer to a successful call said besides its body. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** The request id the server sent (`x-request-id` and similar), for support tickets. */
  requestId?: string;
  /** The final URL (after redirects). */
  url: string;
  /** Attempts made (1 when there was no retry). */
  attempts: number;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
  /** Called with the status, headers and request id of the successful answer. */
  onResponse?: (info: ResponseInfo) => void;
}

export type SubmitResult = SubmitResponse | SubmitResponseWithProviderId;

/**
 * The client: one typed method per submit operation of the spec (`submitQ2ProFast`, ...; see
 * `SubmitMethods`, generated from the spec), `submit` by operation id, and `getTaskResult`.
 */
export interface ViduClient extends SubmitMethods<RequestOptions, SubmitResult> {
  /** Any submit operation by id. */
  submit<Op extends SubmitOperationId>(operationId: Op, body: SubmitRequestBody<Op>, opts?: RequestOptions): Promise<SubmitResult>;
  /** The task's state and outputs, as the provider sent them (see `normalizeTaskResult`). */
  getTaskResult(taskId: string, opts?: RequestOptions): Promise<TaskResult>;
  /** The underlying openapi-fetch client (auth, timeouts, retries and redirects applied). */
  raw: Client<paths>;
}
