// The time limit of an attempt with the runtime's own fetch, against a real loopback server: it
// cancels the request (the server sees its connection close) before the headers and while the
// body is read, and the client's reused abort signals never carry a fired abort into a later
// attempt, nor stop cancelling after many reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, TimeoutError, createViduClient, type ViduClientOptions } from '../src/index.js';
import { caught, loopback, sendJson, type Handler, type Loopback } from './support/loopback.js';

const KEY = 'sk-time-limit-0123456789';
const RESULT = { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } };
let api: Loopback;
beforeAll(async () => {
  api = await loopback();
});
afterAll(() => api.close());

const client = (extra: ViduClientOptions = {}) => createViduClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 0, timeoutMs: 5000, ...extra });
const answer: Handler = (_q, res) => sendJson(res, 200, RESULT);

/** A handler that never finishes its answer (`start` may send part of it), and a promise of the connection's close. */
function stall(start: (res: Parameters<Handler>[1]) => void = () => {}) {
  let closed!: () => void;
  const gone = new Promise<void>((r) => (closed = r));
  const handler: Handler = (_q, res) => {
    res.once('close', closed);
    start(res);
  };
  return { handler, gone };
}

describe('the time limit cancels the request', () => {
  it('no answer at all: TimeoutError, and the connection is closed', async () => {
    const { handler, gone } = stall();
    api.handle(handler);
    const e = (await caught(client({ timeoutMs: 100 }).getTaskResult('t-1'))) as TimeoutError;
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.timeoutMs).toBe(100);
    expect(e.taskId).toBe('t-1');
    await gone;
  });
  it('headers, then a body that stops: TimeoutError, and the connection is closed', async () => {
    const { handler, gone } = stall((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"task":');
    });
    api.handle(handler);
    expect(await caught(client({ timeoutMs: 100 }).getTaskResult('t-1'))).toBeInstanceOf(TimeoutError);
    await gone;
  });
  it('a chunked body that stops (the streamed, capped read): TimeoutError, and the connection is closed', async () => {
    const { handler, gone } = stall((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"task":');
    });
    api.handle(handler);
    expect(await caught(client({ timeoutMs: 100 }).getTaskResult('t-1'))).toBeInstanceOf(TimeoutError);
    await gone;
  });
});

describe('abort signals reused across attempts', () => {
  it('an attempt that timed out does not pass its fired signal on: the retry and the next call succeed', async () => {
    let n = 0;
    const { handler } = stall();
    api.handle((q, res, b) => (n++ === 0 ? handler(q, res, b) : answer(q, res, b)));
    const c = client({ timeoutMs: 100, maxRetries: 1, retryBaseDelayMs: 0 });
    await expect(c.getTaskResult('t-1')).resolves.toEqual(RESULT);
    expect(n).toBe(2);
    await expect(c.getTaskResult('t-1')).resolves.toEqual(RESULT);
  });
  it("after the caller's abort, the next call on the same client succeeds", async () => {
    let arrived!: () => void;
    const seen = new Promise<void>((r) => (arrived = r));
    api.handle(() => arrived());
    const c = client();
    const controller = new AbortController();
    const pending = caught(c.getTaskResult('t-1', { signal: controller.signal }));
    await seen;
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    api.handle(answer);
    await expect(c.getTaskResult('t-1')).resolves.toEqual(RESULT);
  });
  it('after 200 reads (8 at a time) on one client, a stalled read still times out and is cancelled', async () => {
    api.handle(answer);
    const c = client({ timeoutMs: 200 });
    for (let i = 0; i < 25; i++) await Promise.all(Array.from({ length: 8 }, () => c.getTaskResult('t-1')));
    const { handler, gone } = stall();
    api.handle(handler);
    expect(await caught(c.getTaskResult('t-1'))).toBeInstanceOf(TimeoutError);
    await gone;
  });
  it('2,000 reads on one client raise no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      api.handle(answer);
      const c = client();
      for (let i = 0; i < 2000; i++) await c.getTaskResult('t-1');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
