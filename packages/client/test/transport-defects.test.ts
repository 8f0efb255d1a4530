// Regression tests for defects of the request pipeline (issue 14), each against a real loopback
// server: answer size cap, abort after sending, 500-then-400 submits, credential headers on a
// cross-origin redirect, connection errors that name the host, bounded error messages.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  ConnectionError,
  ResponseTooLargeError,
  SubmitOutcomeUnknownError,
  createViduClient,
  mayHaveCreatedTask,
} from '../src/index.js';
import { caught, loopback, sendJson, type Loopback } from './support/loopback.js';

const KEY = 'sk-transport-defects-0123456789';
const body = { images: ['https://example.com/a.png'], prompt: 'a cat' };
let api: Loopback;
let other: Loopback;
beforeAll(async () => {
  api = await loopback();
  other = await loopback((_q, res) => sendJson(res, 200, { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } }));
});
afterAll(async () => {
  await api.close();
  await other.close();
});
const client = (extra: Parameters<typeof createViduClient>[0] = {}) =>
  createViduClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 0, timeoutMs: 5000, retryBaseDelayMs: 1, ...extra });

describe('K3: the decoded size of an answer is capped', () => {
  const reasonOf = (n: number) => JSON.stringify({ task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED', reason: 'a'.repeat(n) } });
  it('a 3 MB answer over a 1 MB cap: ResponseTooLargeError naming the limit and the option', async () => {
    api.handle((_q, res) => sendJson(res, 200, reasonOf(3 * 1024 * 1024)));
    const e = (await caught(client({ maxResponseBytes: 1024 * 1024 }).getTaskResult('t-1'))) as ResponseTooLargeError;
    expect(e).toBeInstanceOf(ResponseTooLargeError);
    expect(e.limitBytes).toBe(1024 * 1024);
    expect(e.message).toMatch(/1048576 bytes/);
    expect(e.message).toMatch(/maxResponseBytes/);
    expect(e.taskId).toBe('t-1');
  });
  it('a gzip answer of 30 KB that expands to 24 MB is refused at the default cap', async () => {
    const gz = gzipSync(reasonOf(24 * 1024 * 1024));
    expect(gz.length).toBeLessThan(100 * 1024);
    api.handle((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gz.length) });
      res.end(gz);
    });
    const e = await caught(client().getTaskResult('t-1'));
    expect(e).toBeInstanceOf(ResponseTooLargeError);
  });
  it('without a Content-Length (chunked) the cap holds too; a submit answer too large is outcome-unknown', async () => {
    api.handle((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"task_id":"');
      res.end(`${'x'.repeat(2 * 1024 * 1024)}"}`);
    });
    const e = (await caught(client({ maxResponseBytes: 64 * 1024 }).submitQ1Reference(body))) as SubmitOutcomeUnknownError;
    expect(e).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(e.message).toMatch(/65536 bytes/);
  });
  it('an answer under the cap passes', async () => {
    api.handle((_q, res) => sendJson(res, 200, reasonOf(10_000)));
    await expect(client({ maxResponseBytes: 64 * 1024 }).getTaskResult('t-1')).resolves.toMatchObject({ task: { task_id: 't-1' } });
  });
});

describe('K6: an abort after the submit was sent', () => {
  it('is SubmitOutcomeUnknownError (the task may exist), not a plain abort', async () => {
    let seen!: () => void;
    const arrived = new Promise<void>((r) => (seen = r));
    api.handle(() => seen()); // reads the request, never answers
    const controller = new AbortController();
    const pending = caught(client().submitQ1Reference(body, { signal: controller.signal }));
    await arrived;
    controller.abort();
    const e = await pending;
    expect(e).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(mayHaveCreatedTask(e)).toBe(true);
  });
  it('an abort before anything was sent stays an AbortError', async () => {
    const e = (await caught(client().submitQ1Reference(body, { signal: AbortSignal.abort() }))) as Error;
    expect(e.name).toBe('AbortError');
    expect(mayHaveCreatedTask(e)).toBe(false);
  });
});

describe('R1: a submit whose earlier attempt may have created the task', () => {
  it('500 then 400 with retrySubmitOnAmbiguousFailure: SubmitOutcomeUnknownError (cause: the 400)', async () => {
    let n = 0;
    api.handle((_q, res) => (n++ === 0 ? sendJson(res, 500, { reason: 'CREATE_TASK_FAILED', message: 'boom' }) : sendJson(res, 400, { reason: 'ILLEGAL_PROMPT', message: 'no' })));
    const e = (await caught(client({ maxRetries: 1, retrySubmitOnAmbiguousFailure: true }).submitQ1Reference(body))) as SubmitOutcomeUnknownError;
    expect(n).toBe(2);
    expect(e).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect((e as { cause?: unknown }).cause).toBeInstanceOf(BadRequestError);
  });
  it('a 400 alone stays a BadRequestError', async () => {
    api.handle((_q, res) => sendJson(res, 400, { reason: 'ILLEGAL_PROMPT', message: 'no' }));
    expect(await caught(client().submitQ1Reference(body))).toBeInstanceOf(BadRequestError);
  });
});

describe('P2: credential headers from options.headers on a cross-origin redirect', () => {
  it('X-Api-Key, Cookie, Proxy-Authorization and friends are dropped; other headers kept', async () => {
    api.handle((_q, res) => {
      res.writeHead(302, { location: `${other.url}/v3/async/task-result?task_id=t-1` });
      res.end();
    });
    other.requests.length = 0;
    const c = client({
      headers: { 'X-Api-Key': KEY, Cookie: 'session=s3cr3t', 'Proxy-Authorization': 'Basic cHJveHk=', 'X-Auth-Token': 'tok', 'X-Trace': 'keep-me' },
    });
    await c.getTaskResult('t-1', { headers: { 'X-Session-Secret': 'abc' } });
    expect(other.requests).toHaveLength(1);
    const h = other.requests[0]!.headers;
    for (const name of ['authorization', 'x-api-key', 'cookie', 'proxy-authorization', 'x-auth-token', 'x-session-secret']) expect(h[name], name).toBeUndefined();
    expect(h['x-trace']).toBe('keep-me');
  });
});

describe('P16: ConnectionError names the host and the cause code', () => {
  it('refused: host:port and ECONNREFUSED in the message and the code', async () => {
    const gone = await loopback();
    const url = gone.url;
    await gone.close();
    const e = (await caught(createViduClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 }).getTaskResult('t-1'))) as ConnectionError;
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.message).toContain(url.replace('http://', ''));
    expect(e.message).toContain('ECONNREFUSED');
    expect(e.message).not.toMatch(/^[^:]*: fetch failed/);
  });
});

describe('K5: every error message is bounded', () => {
  it('a 1 MB message, reason and metadata in an error answer: message and toJSON stay small', async () => {
    const big = 'm'.repeat(1024 * 1024);
    api.handle((_q, res) => sendJson(res, 400, { reason: `R${big}`, message: big, metadata: { [`k${big}`]: big } }));
    const e = (await caught(client().getTaskResult('t-1'))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message.length).toBeLessThan(2000);
    expect(JSON.stringify(e).length).toBeLessThan(20_000);
  });
});
