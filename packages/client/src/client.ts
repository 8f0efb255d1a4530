import * as openapiFetch from 'openapi-fetch';
import { OPERATIONS, SUBMIT_OPERATIONS, type paths, type SubmitMethods, type SubmitOperationId, type SubmitRequestBody, type TaskResult } from '@vidukit/types';
import {
  ValidationError,
  ViduError,
  SubmitOutcomeUnknownError,
  createApiError,
  registerSecret,
  type ValidationIssue,
} from './errors.js';
import { parseRetryAfter, sleep as defaultSleep } from './retry.js';
import { createTransport, isAllowedUrl, type CallContext } from './transport.js';
import { validateRequest } from './validate.js';
import type { RequestOptions, SubmitResult, ViduClient, ViduClientOptions, ViduDebugEvent, ViduProvider } from './types.js';
import * as validators from './generated/validators.js';

// openapi-fetch exports createClient only as `default`. In our CommonJS build the bundler's
// Node-style interop yields its whole exports object there (found by the consumer tests), so
// unwrap once more when needed.
const createClient: typeof openapiFetch.default =
  typeof openapiFetch.default === 'function'
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default;

/** Where each provider serves the API. */
export const PROVIDER_BASE_URLS: Readonly<Record<ViduProvider, string>> = Object.freeze({
  novita: 'https://api.novita.ai',
  highwayapi: 'https://api.highwayapi.ai',
  myrouter: 'https://api.myrouter.ai',
});

type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];

/** The path of each submit operation, from the operations list generated from the spec. */
const SUBMIT_PATHS = Object.fromEntries(SUBMIT_OPERATIONS.map((op) => [op.operationId, op.path])) as Record<SubmitOperationId, PostPath>;

const TASK_RESULT_PATH = OPERATIONS.getTaskResult.path satisfies keyof paths;

/** The compiled validator of each submit operation's 200 body, by the schema the spec names. */
const SUBMIT_RESPONSE_VALIDATORS = Object.fromEntries(
  SUBMIT_OPERATIONS.map((op) => [op.operationId, (validators as unknown as Record<string, (data: unknown) => boolean>)[`response_${op.responseSchema}`]]),
) as Record<SubmitOperationId, (data: unknown) => boolean>;

function envApiKey(): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const key = proc?.env?.VIDU_API_KEY;
  return typeof key === 'string' && key.trim() ? key.trim() : undefined;
}

function resolveBaseUrl(options: ViduClientOptions): string {
  let raw: string;
  if (options.baseUrl !== undefined) raw = options.baseUrl;
  else {
    const provider = options.provider ?? 'novita';
    if (!Object.hasOwn(PROVIDER_BASE_URLS, provider)) {
      throw new ViduError(`Unknown provider ${JSON.stringify(provider)}: use one of ${Object.keys(PROVIDER_BASE_URLS).join(', ')}, or pass baseUrl`);
    }
    raw = PROVIDER_BASE_URLS[provider];
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ViduError(`baseUrl ${JSON.stringify(raw)} is not an absolute URL`);
  }
  if (!isAllowedUrl(url)) {
    throw new ViduError(
      `baseUrl ${url.protocol}//${url.host} refused: the API key would travel unencrypted. Use https (http is allowed only for loopback hosts such as 127.0.0.1)`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

const nonNegative = (v: number | undefined, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ViduError(`${name} must be a non-negative number, got ${String(v)}`);
  return v;
};

/**
 * Creates a client. Nothing is checked against the network here, and a missing key is reported
 * at the first call (`AuthenticationError`), not now.
 */
export function createViduClient(options: ViduClientOptions = {}): ViduClient {
  const apiKey = options.apiKey ?? envApiKey();
  registerSecret(apiKey);
  const baseUrl = resolveBaseUrl(options);
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchImpl !== 'function') throw new ViduError('No fetch available: pass createViduClient({ fetch })');
  const shouldValidate = options.validate !== false;

  const debug = (event: ViduDebugEvent) => {
    try {
      options.onDebug?.(event);
      options.logger?.debug(`[vidukit] ${event.type} ${event.operation}`, event);
    } catch {
      /* a failing logger never breaks a request */
    }
  };

  const transport = createTransport({
    apiKey,
    fetch: fetchImpl,
    timeoutMs: nonNegative(options.timeoutMs, 'timeoutMs', 60_000),
    maxRetries: Math.floor(nonNegative(options.maxRetries, 'maxRetries', 2)),
    retrySubmitOnAmbiguousFailure: options.retrySubmitOnAmbiguousFailure === true,
    retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, 'retryBaseDelayMs', 500),
    retryMaxDelayMs: nonNegative(options.retryMaxDelayMs, 'retryMaxDelayMs', 8000),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, 'maxRetryAfterMs', 60_000),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    debug,
  });

  // Authorization comes from apiKey only, set per attempt by the transport.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) if (k.toLowerCase() !== 'authorization') headers[k] = v;

  const raw = createClient<paths>({
    baseUrl,
    headers,
    // The raw client gets the same policy: POST is treated as a (billed) submit.
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const method = (input instanceof Request ? input.method : init?.method ?? 'GET').toUpperCase();
      const url = input instanceof Request ? input.url : String(input);
      const operation = `${method} ${new URL(url).pathname}`;
      return transport.bind({ operation, kind: method === 'GET' || method === 'HEAD' ? 'read' : 'submit' })(input, init);
    },
  });

  const context = (operation: string, kind: CallContext['kind'], opts: RequestOptions | undefined, taskId?: string): CallContext => ({
    operation,
    kind,
    signal: opts?.signal,
    timeoutMs: opts?.timeoutMs,
    maxRetries: opts?.maxRetries,
    taskId,
  });

  const callHeaders = (opts: RequestOptions | undefined) => {
    if (!opts?.headers) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
    return out;
  };

  async function submit<Op extends SubmitOperationId>(operationId: Op, body: SubmitRequestBody<Op>, opts?: RequestOptions): Promise<SubmitResult> {
    if (!Object.hasOwn(SUBMIT_PATHS, operationId)) {
      throw new ValidationError([{ path: '', message: `unknown submit operation ${JSON.stringify(String(operationId))}`, limit: Object.keys(SUBMIT_PATHS) }]);
    }
    if (shouldValidate) {
      const issues = validateRequest(operationId, body);
      if (issues.length) throw new ValidationError(issues, { operation: operationId });
    }
    const path = SUBMIT_PATHS[operationId];
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await raw.POST(path, {
        body: body as never,
        fetch: transport.bind(context(operationId, 'submit', opts)),
        headers: callHeaders(opts),
      } as never);
    } catch (err) {
      if (err instanceof ViduError) throw err;
      // A 2xx whose body is not JSON: the task was probably created but we lost its id.
      throw new SubmitOutcomeUnknownError({ operation: operationId, detail: 'the success response could not be read', cause: err });
    }
    const { data, error, response } = result;
    if (!response.ok) {
      const apiError = createApiError({
        status: response.status,
        body: error,
        headers: response.headers,
        operation: operationId,
        retryAfterMs: parseRetryAfter(response.headers),
      });
      // A 5xx may come after the task was created (a proxy timing out, a failure after billing).
      if (response.status >= 500) {
        throw new SubmitOutcomeUnknownError({ operation: operationId, status: response.status, detail: apiError.message, cause: apiError });
      }
      throw apiError;
    }
    const ok = SUBMIT_RESPONSE_VALIDATORS[operationId](data);
    if (!ok || typeof (data as { task_id?: unknown }).task_id !== 'string' || !(data as { task_id: string }).task_id) {
      throw new SubmitOutcomeUnknownError({ operation: operationId, status: response.status, detail: 'the success response has no task_id' });
    }
    return data as SubmitResult;
  }

  async function getTaskResult(taskId: string, opts?: RequestOptions): Promise<TaskResult> {
    if (typeof taskId !== 'string' || taskId.length === 0) {
      const issue: ValidationIssue = { path: 'task_id', message: 'must be a non-empty string', limit: 1 };
      throw new ValidationError([issue], { operation: 'getTaskResult' });
    }
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await raw.GET(TASK_RESULT_PATH, {
        params: { query: { task_id: taskId } },
        fetch: transport.bind(context('getTaskResult', 'read', opts, taskId)),
        headers: callHeaders(opts),
      } as never);
    } catch (err) {
      if (err instanceof ViduError) throw err;
      throw new ViduError(`getTaskResult: the response could not be read as JSON`, { operation: 'getTaskResult', taskId, cause: err });
    }
    const { data, error, response } = result;
    if (!response.ok) {
      throw createApiError({
        status: response.status,
        body: error,
        headers: response.headers,
        operation: 'getTaskResult',
        taskId,
        retryAfterMs: parseRetryAfter(response.headers),
      });
    }
    if (!validators.response_TaskResult(data)) {
      const first = validators.response_TaskResult.errors?.[0];
      throw new ViduError(
        `getTaskResult: the response does not have the task result shape${first ? ` (${first.instancePath || 'body'} ${first.message ?? ''})` : ''}`,
        { operation: 'getTaskResult', taskId },
      );
    }
    return data as TaskResult;
  }

  // One method per submit operation of the spec (the SubmitMethods interface is generated too).
  const methods = Object.fromEntries(
    SUBMIT_OPERATIONS.map((op) => [op.operationId, (body: never, opts?: RequestOptions) => submit(op.operationId, body, opts)]),
  ) as unknown as SubmitMethods<RequestOptions, SubmitResult>;
  return {
    ...methods,
    submit,
    getTaskResult,
    raw,
  };
}
