// Every error type: chosen by one factory, typed for odd bodies, and never showing the key.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InsufficientBalanceError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SubmitOutcomeUnknownError,
  TaskNotFoundError,
  TimeoutError,
  ValidationError,
  ViduError,
  createApiError,
  createViduClient,
} from '../src/index.js';
import { fakeFetch, netError } from './support/fake-fetch.js';

const KEY = 'sk_live_7f3a9c2e5b8d4f1a6c0e9b2d7a4f8c1e';

describe('createApiError picks the class from status and reason', () => {
  const cases: [number, string | undefined, new (...a: never[]) => ApiError][] = [
    [401, 'INVALID_API_KEY', AuthenticationError],
    [401, undefined, AuthenticationError],
    [403, 'INVALID_API_KEY', AuthenticationError],
    [403, 'BILLING_AUTH_FAILED', AuthenticationError],
    [400, 'MISSING_API_KEY', AuthenticationError],
    [403, 'FEATURE_NOT_ALLOWED', PermissionDeniedError],
    [403, 'API_NOT_ALLOWED', PermissionDeniedError],
    [400, 'BILLING_BALANCE_NOT_ENOUGH', InsufficientBalanceError],
    [400, 'ILLEGAL_PROMPT', BadRequestError],
    [404, 'TASK_NOT_FOUND', TaskNotFoundError],
    [404, 'API_NOT_FOUND', NotFoundError],
    [429, 'RATE_LIMIT_EXCEEDED', RateLimitError],
    [500, 'CREATE_TASK_FAILED', ServerError],
    [503, undefined, ServerError],
    [418, undefined, ApiError],
  ];
  for (const [status, reason, cls] of cases) {
    it(`${status} ${reason ?? '(no reason)'} -> ${cls.name}`, () => {
      const e = createApiError({ status, body: reason ? { code: status, reason, message: 'm', metadata: { a: 1 } } : '', operation: 'submitQ1Reference' });
      expect(e).toBeInstanceOf(cls);
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toBeInstanceOf(ViduError);
      expect(e.name).toBe(cls.name);
      expect(e.status).toBe(status);
      if (reason) expect(e).toMatchObject({ reason, metadata: { a: 1 } });
    });
  }
  it('an HTML 502 from a proxy is a ServerError with the page title', () => {
    const e = createApiError({ status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', operation: 'getTaskResult' });
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toContain('502 Bad Gateway');
    expect(e.bodyText).toContain('nginx');
  });
  it('an empty body still gives a typed error', () => {
    const e = createApiError({ status: 500, body: undefined, operation: 'getTaskResult' });
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toMatch(/HTTP 500.*empty/);
  });
  it('plain text and JSON-as-text bodies are read', () => {
    expect(createApiError({ status: 400, body: 'bad thing', operation: 'x' }).message).toContain('bad thing');
    expect(createApiError({ status: 404, body: '{"reason":"TASK_NOT_FOUND"}', operation: 'x' })).toBeInstanceOf(TaskNotFoundError);
  });
  it('reads a request id header', () => {
    const e = createApiError({ status: 500, body: '', operation: 'x', headers: new Headers({ 'x-request-id': 'req-42' }) });
    expect(e.requestId).toBe('req-42');
  });
  it('a 404 on getTaskResult without reason is TaskNotFoundError and carries the task id', () => {
    const e = createApiError({ status: 404, body: '', operation: 'getTaskResult', taskId: 't-9' });
    expect(e).toBeInstanceOf(TaskNotFoundError);
    expect(e.taskId).toBe('t-9');
  });
  it('errors from HTTP answers through the client', async () => {
    const f = fakeFetch([{ status: 502, body: '<html>oops</html>', headers: { 'content-type': 'text/html' } }]);
    const c = createViduClient({ apiKey: KEY, baseUrl: 'https://h.test', fetch: f.fetch, maxRetries: 0 });
    await expect(c.getTaskResult('t')).rejects.toBeInstanceOf(ServerError);
  });
});

/** One instance of every error type, each built from inputs that contain the key. */
async function everyError(): Promise<Error[]> {
  const echo = { code: 401, reason: 'INVALID_API_KEY', message: `Invalid key ${KEY}`, metadata: { authorization: `Bearer ${KEY}`, seen: KEY } };
  const errors: Error[] = [];
  const f = fakeFetch([
    { status: 401, body: echo },
    { status: 403, body: { ...echo, code: 403 } },
    { status: 403, body: { ...echo, reason: 'FEATURE_NOT_ALLOWED' } },
    { status: 400, body: { ...echo, reason: 'BILLING_BALANCE_NOT_ENOUGH' } },
    { status: 400, body: { ...echo, reason: 'ILLEGAL_PROMPT' } },
    { status: 404, body: { ...echo, reason: 'TASK_NOT_FOUND' } },
    { status: 404, body: { ...echo, reason: 'API_NOT_FOUND' } },
    { status: 429, body: { ...echo, reason: 'RATE_LIMIT_EXCEEDED' }, headers: { 'retry-after': '999' } },
    { status: 500, body: `<html><title>upstream said Authorization: Bearer ${KEY}</title></html>` },
    { status: 418, body: `teapot ${KEY}` },
    { throw: Object.assign(new TypeError(`fetch failed for key ${KEY}`), { cause: Object.assign(new Error(`ECONNREFUSED ${KEY}`), { code: 'ECONNREFUSED' }) }) },
    { throw: netError('ECONNRESET') },
    { hang: true },
    { hang: true },
    { status: 503, body: { message: KEY } },
  ]);
  const c = createViduClient({ apiKey: KEY, baseUrl: 'https://h.test', fetch: f.fetch, maxRetries: 0, timeoutMs: 20 });
  const body = { images: ['https://e/a.png'], prompt: 'p' };
  const grab = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: Error) => errors.push(e));
  for (let i = 0; i < 10; i++) await grab(c.getTaskResult('t-1'));
  await grab(c.getTaskResult('t-1')); // ConnectionError
  await grab(c.submitQ1Reference(body)); // SubmitOutcomeUnknownError (reset)
  await grab(c.getTaskResult('t-1')); // TimeoutError
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error(`abort ${KEY}`)), 5);
  await grab(c.getTaskResult('t-1', { signal: ac.signal, timeoutMs: 5000 })); // AbortError
  await grab(c.submitQ1Reference(body)); // SubmitOutcomeUnknownError (503)
  await grab(c.submitQ1Reference({ ...body, prompt: 7, [KEY]: 1 } as never)); // ValidationError
  await grab(createViduClient({ apiKey: KEY, baseUrl: 'https://h.test', fetch: f.fetch }).getTaskResult('')); // ValidationError
  errors.push(new ViduError(`base ${KEY}`, { cause: new Error(`inner Bearer ${KEY}`) }));
  errors.push(new ConnectionError(`conn ${KEY}`));
  errors.push(new TimeoutError(1, { operation: KEY }));
  errors.push(new AbortError(`abort ${KEY}`));
  errors.push(new SubmitOutcomeUnknownError({ detail: KEY }));
  errors.push(new ValidationError([{ path: KEY, message: KEY }]));
  return errors;
}

describe('the API key never appears in error output', () => {
  it('covers every error type', async () => {
    const errors = await everyError();
    const types = new Set(errors.map((e) => e.constructor));
    for (const t of [AuthenticationError, PermissionDeniedError, InsufficientBalanceError, BadRequestError, TaskNotFoundError, NotFoundError, RateLimitError, ServerError, ApiError, ConnectionError, SubmitOutcomeUnknownError, TimeoutError, AbortError, ValidationError, ViduError]) {
      expect(types, t.name).toContain(t);
    }
  });
  it('in message, stack, toJSON, JSON.stringify, String and util.inspect', async () => {
    const leaks: string[] = [];
    for (const e of await everyError()) {
      const outputs: Record<string, string> = {
        message: e.message,
        stack: String(e.stack),
        toJSON: JSON.stringify((e as ViduError).toJSON()),
        stringify: JSON.stringify(e),
        string: String(e),
        inspect: inspect(e, { depth: 10, showHidden: true }),
        inspectPlain: inspect(e),
        causeStack: String((e.cause as Error | undefined)?.stack ?? ''),
        causeInspect: inspect(e.cause, { depth: 10 }),
      };
      for (const [where, text] of Object.entries(outputs)) {
        if (text.includes(KEY) || text.includes(KEY.slice(8, 30))) leaks.push(`${e.name} ${where}: ${text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
  it('the RateLimitError keeps its hint and the serialisation stays useful', async () => {
    const errors = await everyError();
    const rl = errors.find((e) => e instanceof RateLimitError) as RateLimitError;
    expect(rl.retryAfterMs).toBe(999_000);
    expect(rl.toJSON()).toMatchObject({ name: 'RateLimitError', status: 429, reason: 'RATE_LIMIT_EXCEEDED', operation: 'getTaskResult', retryAfterMs: 999_000 });
  });
});
