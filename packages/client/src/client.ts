import * as openapiFetch from 'openapi-fetch';
import { OPERATIONS, SUBMIT_OPERATIONS, type paths, type SubmitMethods, type SubmitOperationId, type SubmitRequestBody, type TaskResult } from '@vidukit/types';
import { missingApiKeyError, requestIdOf } from './api-errors.js';
import { ValidationError, ViduError } from './errors.js';
import { checkCallOptions, checkHeaders, debugSink, keyOptional, MAX_TIMEOUT_MS, numberOption, resolveApiKey, resolveBaseUrl } from './options.js';
import { registerSecret } from './redact.js';
import { sleep as defaultSleep } from './sleep.js';
import { createTransport, NULL_BODY, type Answer, type Call } from './transport.js';
import { checkRequest, checkTaskId } from './validate.js';
import type { RequestOptions, ResponseInfo, SubmitResult, ViduClient, ViduClientOptions } from './types.js';
import { answerValidators, response_TaskResult, type CompiledValidator } from './generated/validators.js';

export { PROVIDER_BASE_URLS } from './options.js';

// openapi-fetch exports createClient only as `default`. In our CommonJS build the bundler's
// Node-style interop yields its whole exports object there (found by the consumer tests), so
// unwrap once more when needed.
const createClient: typeof openapiFetch.default =
  typeof openapiFetch.default === 'function'
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default;

/** The path of each submit operation, from the operations list generated from the spec. */
const SUBMIT_PATHS = Object.fromEntries(SUBMIT_OPERATIONS.map((op) => [op.operationId, op.path])) as Record<SubmitOperationId, keyof paths>;

const TASK_RESULT_PATH = OPERATIONS.getTaskResult.path satisfies keyof paths;

/** Why a parsed 2xx body is not the documented shape (first problem), for `Call.check`. */
const shapeCheck = (validate: CompiledValidator, what: string) => (data: unknown): string | undefined => {
  if (validate(data)) return undefined;
  const first = validate.errors?.[0];
  return `does not have the ${what} shape${first ? ` (${first.instancePath || 'body'} fails ${first.keyword}${first.params ? ` ${JSON.stringify(first.params).slice(0, 100)}` : ''})` : ''}`;
};

/** The check of each submit operation's 200 body, by the schema the spec names. */
const SUBMIT_RESPONSE_CHECKS = Object.fromEntries(
  SUBMIT_OPERATIONS.map((op) => [op.operationId, shapeCheck(answerValidators[op.responseSchema]!, 'submit response')]),
) as Record<SubmitOperationId, (data: unknown) => string | undefined>;
const checkTaskResult = shapeCheck(response_TaskResult, 'task result');

/**
 * Where a result keeps the answer it came in, for `responseOf(result)`: a property under a
 * private symbol, not enumerable, so spreads, `Object.assign`, JSON and deep equality ignore it.
 * (A WeakMap entry per result cost more than the rest of the client's own work on a read: its
 * table is swept at every garbage collection.)
 */
const ANSWER = Symbol();
/** The parsed body of a successful answer, carrying that answer for `responseOf`. */
function resultOf<T>(answer: Answer): T {
  return Object.defineProperty(answer.data as object, ANSWER, { value: answer }) as T;
}
const asIs = (answer: Answer): Answer => answer;

/**
 * The status, headers and request id of the answer a result came in (from this client's methods).
 *
 * @example
 * ```ts
 * import { createViduClient, responseOf } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const submitted = await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * const response = responseOf(submitted);
 * console.log(submitted.task_id, response?.status, response?.requestId, response?.attempts);
 * ```
 */
export function responseOf(result: object): ResponseInfo | undefined {
  if (result == null || !Object.hasOwn(result, ANSWER)) return undefined;
  return infoOf((result as { [ANSWER]: Answer })[ANSWER]);
}

function infoOf(answer: Answer): ResponseInfo {
  const info: ResponseInfo = { status: answer.status, headers: answer.headers, url: answer.url, attempts: answer.attempts };
  const requestId = requestIdOf(answer.headers);
  if (requestId !== undefined) info.requestId = requestId;
  return info;
}

/**
 * Creates a client. Bad options (a blank key, a key a header cannot carry, a base URL with
 * credentials or plain http to another host, a zero time limit) throw here; nothing is sent.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY, provider: 'novita' });
 * const { task_id } = await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * const raw = await client.getTaskResult(task_id);
 * console.log(raw.task.status);
 * ```
 */
export function createViduClient(options: ViduClientOptions = {}): ViduClient {
  const base = resolveBaseUrl(options);
  const apiKey = resolveApiKey(options);
  registerSecret(options.apiKey);
  registerSecret(apiKey);
  const baseUrl = base.href.replace(/\/+$/, '');
  const keyMissing = apiKey === undefined && !keyOptional(base);
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchImpl !== 'function') throw new ViduError('No fetch available: pass createViduClient({ fetch })');
  const shouldValidate = options.validate !== false;

  const transport = createTransport({
    fetch: fetchImpl,
    standardFetch: options.fetch === undefined,
    timeoutMs: numberOption(options.timeoutMs, 'timeoutMs', 60_000, 1, MAX_TIMEOUT_MS),
    maxRetries: Math.floor(numberOption(options.maxRetries, 'maxRetries', 2, 0, 100)),
    maxResponseBytes: Math.floor(numberOption(options.maxResponseBytes, 'maxResponseBytes', 4 * 1024 * 1024, 1)),
    retrySubmitOnAmbiguousFailure: options.retrySubmitOnAmbiguousFailure === true,
    retryBaseDelayMs: numberOption(options.retryBaseDelayMs, 'retryBaseDelayMs', 500, 0),
    retryMaxDelayMs: numberOption(options.retryMaxDelayMs, 'retryMaxDelayMs', 8000, 0),
    maxRetryAfterMs: numberOption(options.maxRetryAfterMs, 'maxRetryAfterMs', 60_000, 0),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    debug: debugSink(options),
  });

  // Headers built once: the key (only from apiKey), then the caller's (minus Authorization).
  const readHeaders: Record<string, string> = { accept: 'application/json', ...checkHeaders(options.headers, 'headers option') };
  if (apiKey !== undefined) readHeaders.authorization = `Bearer ${apiKey}`;
  const submitHeaders: Record<string, string> = { ...readHeaders, 'content-type': 'application/json' };
  const readUrl = `${baseUrl}${TASK_RESULT_PATH}?task_id=`;
  const withCallHeaders = (headers: Record<string, string>, opts: RequestOptions | undefined) =>
    opts?.headers ? { ...headers, ...checkHeaders(opts.headers, 'header') } : headers;

  // Not async, like getTaskResult: the transport's own promise is handed back, and what the
  // caller gets is made inside it (`finish`), so a read waits on no extra promise layer.
  const send = <T>(c: Call, opts: RequestOptions | undefined, finish: (answer: Answer) => T): Promise<T> => {
    if (keyMissing) return Promise.reject(missingApiKeyError(c.operation));
    const onResponse = opts?.onResponse;
    if (!onResponse) return transport.call(c, finish);
    return transport.call(c, (answer) => {
      onResponse(infoOf(answer));
      return finish(answer);
    });
  };

  // The typed openapi-fetch client, on the same pipeline: POST is treated as a (billed) submit.
  const raw = createClient<paths>({
    baseUrl,
    fetch: async (request: Request) => {
      const method = request.method.toUpperCase();
      const kind = method === 'GET' || method === 'HEAD' ? 'read' : 'submit';
      const headers = { ...(kind === 'read' ? readHeaders : submitHeaders) };
      request.headers.forEach((v, k) => {
        if (k !== 'authorization') headers[k] = v;
      });
      const body = kind === 'read' || !request.body ? undefined : await request.arrayBuffer();
      const operation = `${method} ${new URL(request.url).pathname}`;
      const answer = await send({ operation, kind, method, url: request.url, headers, body, signal: request.signal, mode: 'raw' }, undefined, asIs);
      return new Response(NULL_BODY.has(answer.status) ? null : answer.text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    },
  });

  async function submit<Op extends SubmitOperationId>(operationId: Op, body: SubmitRequestBody<Op>, opts?: RequestOptions): Promise<SubmitResult> {
    if (!Object.hasOwn(SUBMIT_PATHS, operationId)) {
      throw new ValidationError([{ path: '', message: `unknown submit operation ${JSON.stringify(String(operationId))}`, limit: Object.keys(SUBMIT_PATHS) }]);
    }
    checkCallOptions(opts);
    let text: string;
    if (shouldValidate) {
      const checked = checkRequest(operationId, body);
      if (checked.text === undefined) throw new ValidationError(checked.issues, { operation: operationId });
      text = checked.text;
    } else {
      text = JSON.stringify(body);
    }
    return send(
      {
        operation: operationId,
        kind: 'submit',
        method: 'POST',
        url: baseUrl + SUBMIT_PATHS[operationId],
        headers: withCallHeaders(submitHeaders, opts),
        body: text,
        signal: opts?.signal,
        timeoutMs: opts?.timeoutMs,
        maxRetries: opts?.maxRetries,
        mode: 'json',
        check: SUBMIT_RESPONSE_CHECKS[operationId],
      },
      opts,
      resultOf<SubmitResult>,
    );
  }

  function getTaskResult(taskId: string, opts?: RequestOptions): Promise<TaskResult> {
    try {
      const issues = checkTaskId(taskId);
      if (issues.length) throw new ValidationError(issues, { operation: 'getTaskResult' });
      checkCallOptions(opts);
      return send(
        {
          operation: 'getTaskResult',
          kind: 'read',
          method: 'GET',
          url: readUrl + encodeURIComponent(taskId),
          headers: withCallHeaders(readHeaders, opts),
          signal: opts?.signal,
          timeoutMs: opts?.timeoutMs,
          maxRetries: opts?.maxRetries,
          taskId,
          mode: 'json',
          check: checkTaskResult,
        },
        opts,
        resultOf<TaskResult>,
      );
    } catch (err) {
      // Not async (one promise layer less per read), yet bad input still rejects, never throws.
      return Promise.reject(err);
    }
  }

  // One method per submit operation of the spec (the SubmitMethods interface is generated too).
  const methods = Object.fromEntries(
    SUBMIT_OPERATIONS.map((op) => [op.operationId, (body: never, opts?: RequestOptions) => submit(op.operationId, body, opts)]),
  ) as unknown as SubmitMethods<RequestOptions, SubmitResult>;
  return { ...methods, submit, getTaskResult, raw };
}
