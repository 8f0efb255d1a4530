// The client's transport with an injected fake fetch: every retry path, Retry-After forms,
// timeouts, aborts, and the submit that must never be sent twice.
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  RateLimitError,
  ServerError,
  SubmitOutcomeUnknownError,
  TimeoutError,
  createViduClient,
  type ViduClientOptions,
} from '../src/index.js';
import { fakeFetch, netError, type Step } from './support/fake-fetch.js';

const BASE = 'https://api.example.test';
const body = { images: ['https://example.com/a.png'], prompt: 'a cat' };
const ok = { status: 200, body: { task_id: 't-1' } };
const result = { status: 200, body: { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } } };

function setup(steps: Step[], options: ViduClientOptions = {}) {
  const f = fakeFetch(steps);
  const sleeps: number[] = [];
  const client = createViduClient({
    apiKey: 'sk-unit-test-key-abcdef',
    baseUrl: BASE,
    fetch: f.fetch,
    maxRetries: 3,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw new AbortError();
    },
    ...options,
  });
  return { client, calls: f.calls, sleeps };
}

describe('reads (getTaskResult)', () => {
  for (const step of [{ throw: netError('ECONNRESET') }, { throw: netError('ECONNREFUSED') }, { status: 408 }, { status: 429 }, { status: 500 }, { status: 502, body: '<html><title>502 Bad Gateway</title></html>' }, { status: 503 }]) {
    it(`retry after ${'throw' in step ? (step.throw as { cause: { code: string } }).cause.code : step.status}`, async () => {
      const { client, calls, sleeps } = setup([step, result]);
      await expect(client.getTaskResult('t-1')).resolves.toMatchObject({ task: { task_id: 't-1' } });
      expect(calls).toHaveLength(2);
      expect(sleeps).toEqual([250]);
    });
  }
  it('do not retry a 404 or 401', async () => {
    for (const status of [404, 401, 400]) {
      const { client, calls } = setup([{ status, body: { code: status, reason: 'X', message: 'no' } }]);
      await expect(client.getTaskResult('t-1')).rejects.toMatchObject({ status });
      expect(calls).toHaveLength(1);
    }
  });
  it('never make more than maxRetries + 1 attempts, with growing backoff', async () => {
    const { client, calls, sleeps } = setup([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }], { maxRetries: 3 });
    await expect(client.getTaskResult('t-1')).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([250, 500, 1000]);
  });
  it('per-call maxRetries overrides the client', async () => {
    const { client, calls } = setup([{ status: 500 }, { status: 500 }]);
    await expect(client.getTaskResult('t-1', { maxRetries: 1 })).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(2);
  });
  it('backoff is capped', async () => {
    const steps = Array.from({ length: 8 }, () => ({ status: 503 }));
    const { client, sleeps } = setup(steps, { maxRetries: 7, retryBaseDelayMs: 1000, retryMaxDelayMs: 4000, random: () => 0.99 });
    await expect(client.getTaskResult('t-1')).rejects.toBeInstanceOf(ServerError);
    expect(Math.max(...sleeps)).toBeLessThan(4000);
    expect(sleeps.at(-1)).toBe(3960);
  });
});

describe('Retry-After forms', () => {
  it('seconds', async () => {
    const { client, sleeps } = setup([{ status: 429, headers: { 'retry-after': '2' } }, result]);
    await client.getTaskResult('t-1');
    expect(sleeps).toEqual([2000]);
  });
  it('HTTP date', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    const { client, sleeps } = setup([{ status: 503, headers: { 'retry-after': date } }, result]);
    await client.getTaskResult('t-1');
    expect(sleeps[0]).toBeGreaterThan(1000);
    expect(sleeps[0]).toBeLessThanOrEqual(3000);
  });
  it('retry-after-ms', async () => {
    const { client, sleeps } = setup([{ status: 429, headers: { 'retry-after-ms': '125' } }, ok]);
    await client.submitQ1Reference(body);
    expect(sleeps).toEqual([125]);
  });
  it('a hint longer than maxRetryAfterMs is not waited for; the error carries it', async () => {
    const { client, calls } = setup([{ status: 429, headers: { 'retry-after': '600' }, body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED' } }]);
    const err = await client.submitQ1Reference(body).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(600_000);
    expect(calls).toHaveLength(1);
  });
});

describe('submits never bill twice', () => {
  it('retry on 429', async () => {
    const { client, calls } = setup([{ status: 429 }, { status: 429 }, ok]);
    await expect(client.submitQ1Reference(body)).resolves.toEqual({ task_id: 't-1' });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.body === JSON.stringify(body))).toBe(true);
  });
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
    it(`retry when the connection failed before sending (${code})`, async () => {
      const { client, calls } = setup([{ throw: netError(code) }, ok]);
      await expect(client.submitQ1Reference(body)).resolves.toEqual({ task_id: 't-1' });
      expect(calls).toHaveLength(2);
    });
  }
  it('retry on happy-eyeballs AggregateError when every address refused', async () => {
    const agg = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ENETUNREACH' })]) });
    const { client, calls } = setup([{ throw: agg }, ok]);
    await client.submitQ1Reference(body);
    expect(calls).toHaveLength(2);
  });
  for (const [label, step] of [
    ['a reset mid-response (ECONNRESET)', { throw: netError('ECONNRESET') }],
    ['a closed socket (UND_ERR_SOCKET)', { throw: netError('UND_ERR_SOCKET') }],
    ['an error without a code (browser "Failed to fetch")', { throw: new TypeError('Failed to fetch') }],
    ['HTTP 500', { status: 500, body: { code: 500, reason: 'CREATE_TASK_FAILED', message: 'x' } }],
    ['HTTP 502 from a proxy (HTML)', { status: 502, body: '<html><body>Bad gateway</body></html>' }],
    ['HTTP 504, empty body', { status: 504 }],
  ] as const) {
    it(`SubmitOutcomeUnknownError after ${label}, one attempt only`, async () => {
      const { client, calls } = setup([step, ok, ok]);
      const err = await client.submitQ2ProFast({ prompt: 'p', duration: 5, subjects: [{ name: '1', images: ['https://x/y.png'] }] }).catch((e) => e);
      expect(err).toBeInstanceOf(SubmitOutcomeUnknownError);
      expect(err.operation).toBe('submitQ2ProFast');
      expect(calls).toHaveLength(1);
    });
  }
  it('SubmitOutcomeUnknownError after a timeout, one attempt only', async () => {
    const { client, calls } = setup([{ hang: true }, ok], { timeoutMs: 30 });
    const err = await client.submitQ1Reference(body).catch((e) => e);
    expect(err).toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(err.cause).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
  });
  it('a 2xx without a task id is an unknown outcome (the task may exist)', async () => {
    const { client } = setup([{ status: 200, body: { nope: 1 } }]);
    await expect(client.submitQ1Reference(body)).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
  });
  it('a 2xx that is not JSON is an unknown outcome', async () => {
    const { client } = setup([{ status: 200, body: '<html>ok</html>', headers: { 'content-type': 'text/html' } }]);
    await expect(client.submitQ1Reference(body)).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
  });
  it('with retrySubmitOnAmbiguousFailure, ambiguous failures retry', async () => {
    const { client, calls } = setup([{ throw: netError('ECONNRESET') }, { status: 503 }, ok], { retrySubmitOnAmbiguousFailure: true });
    await expect(client.submitQ1Reference(body)).resolves.toEqual({ task_id: 't-1' });
    expect(calls).toHaveLength(3);
  });
  it('opted in and exhausted, the outcome is still unknown', async () => {
    const { client } = setup([{ throw: netError('ECONNRESET') }, { throw: netError('ECONNREFUSED') }], { retrySubmitOnAmbiguousFailure: true, maxRetries: 1 });
    await expect(client.submitQ1Reference(body)).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
  });
  it('connection refused on every attempt is a ConnectionError (nothing was sent)', async () => {
    const { client, calls } = setup([{ throw: netError('ECONNREFUSED') }, { throw: netError('ECONNREFUSED') }], { maxRetries: 1 });
    const err = await client.submitQ1Reference(body).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', beforeSend: true });
    expect(calls).toHaveLength(2);
  });
  it('the raw client treats POST as a submit', async () => {
    const { client, calls } = setup([{ throw: netError('ECONNRESET') }, ok]);
    await expect(client.raw.POST('/v3/async/vidu-q1-reference2video', { body })).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(calls).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('a read that times out is retried, then TimeoutError', async () => {
    const { client, calls } = setup([{ hang: true }, { hang: true }], { timeoutMs: 20, maxRetries: 1 });
    const err = await client.getTaskResult('t-1').catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.timeoutMs).toBe(20);
    expect(err.taskId).toBe('t-1');
    expect(calls).toHaveLength(2);
  });
  it('the timeout covers reading the body', async () => {
    const slowBody = () =>
      new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"task":')); } }), { status: 200 });
    const { client } = setup([slowBody], { timeoutMs: 30, maxRetries: 0 });
    await expect(client.getTaskResult('t-1')).rejects.toBeInstanceOf(TimeoutError);
  });
  it('per-call timeoutMs overrides the client', async () => {
    const { client } = setup([{ hang: true }], { timeoutMs: 60_000, maxRetries: 0 });
    await expect(client.getTaskResult('t-1', { timeoutMs: 10 })).rejects.toBeInstanceOf(TimeoutError);
  });
  it('an abort during the request stops at once, no retry', async () => {
    const c = new AbortController();
    const { client, calls } = setup([{ hang: true }, result]);
    setTimeout(() => c.abort(), 10);
    await expect(client.getTaskResult('t-1', { signal: c.signal })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });
  it('an already aborted signal sends nothing', async () => {
    const { client, calls } = setup([result]);
    await expect(client.getTaskResult('t-1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
  it('an abort during the backoff sleep cuts it short (real sleep)', async () => {
    const c = new AbortController();
    const f = fakeFetch([{ status: 503 }, result]);
    const client = createViduClient({ apiKey: 'sk-unit-test-key-abcdef', baseUrl: BASE, fetch: f.fetch, retryBaseDelayMs: 60_000, random: () => 1 });
    const t = Date.now();
    setTimeout(() => c.abort(), 20);
    await expect(client.getTaskResult('t-1', { signal: c.signal })).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(f.calls).toHaveLength(1);
  });
});

describe('requests', () => {
  it('send the key as a bearer token, the JSON body, and extra headers', async () => {
    const { client, calls } = setup([ok], { headers: { 'x-app': 'demo', Authorization: 'Bearer other' } });
    await client.submitQ1Reference(body, { headers: { Prefer: 'code=200' } });
    expect(calls[0]!.url).toBe(`${BASE}/v3/async/vidu-q1-reference2video`);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer sk-unit-test-key-abcdef');
    expect(calls[0]!.headers.get('x-app')).toBe('demo');
    expect(calls[0]!.headers.get('prefer')).toBe('code=200');
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
  });
  it('getTaskResult puts the task id in the query', async () => {
    const { client, calls } = setup([result]);
    await client.getTaskResult('a+b&c=d/%#?');
    expect(new URL(calls[0]!.url).searchParams.get('task_id')).toBe('a+b&c=d/%#?');
  });
  it('providers map to their hosts', async () => {
    for (const [provider, host] of [['novita', 'api.novita.ai'], ['highwayapi', 'api.highwayapi.ai'], ['myrouter', 'api.myrouter.ai']] as const) {
      const f = fakeFetch([result]);
      await createViduClient({ apiKey: 'k-123456789', provider, fetch: f.fetch }).getTaskResult('t');
      expect(new URL(f.calls[0]!.url).host).toBe(host);
    }
  });
  it('http:// is refused unless loopback', () => {
    expect(() => createViduClient({ apiKey: 'k', baseUrl: 'http://api.novita.ai' })).toThrow(/https/);
    expect(() => createViduClient({ apiKey: 'k', baseUrl: 'http://10.0.0.1:4010' })).toThrow(/https/);
    for (const u of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:8080']) expect(() => createViduClient({ apiKey: 'k', baseUrl: u })).not.toThrow();
  });
  it('the key defaults to VIDU_API_KEY', async () => {
    const prev = process.env.VIDU_API_KEY;
    process.env.VIDU_API_KEY = 'sk-from-env-123456';
    try {
      const f = fakeFetch([result]);
      await createViduClient({ baseUrl: BASE, fetch: f.fetch }).getTaskResult('t');
      expect(f.calls[0]!.headers.get('authorization')).toBe('Bearer sk-from-env-123456');
    } finally {
      if (prev === undefined) delete process.env.VIDU_API_KEY;
      else process.env.VIDU_API_KEY = prev;
    }
  });
  it('debug events never carry the key', async () => {
    const events: unknown[] = [];
    const { client } = setup([{ status: 503 }, result], { onDebug: (e) => events.push(e), logger: { debug: (_m, e) => events.push(e) } });
    await client.getTaskResult('t-1');
    expect((events as { type: string }[]).map((e) => e.type)).toEqual(expect.arrayContaining(['request', 'response', 'retry']));
    expect(JSON.stringify(events)).not.toContain('sk-unit-test-key-abcdef');
  });
});

describe('redirects', () => {
  it('same-origin redirects keep the key', async () => {
    const { client, calls } = setup([{ status: 307, headers: { location: '/v3/async/task-result?task_id=t-1&x=1' } }, result]);
    await client.getTaskResult('t-1');
    expect(calls[1]!.headers.get('authorization')).toBe('Bearer sk-unit-test-key-abcdef');
  });
  it('a redirect to another host does not carry the key', async () => {
    const { client, calls } = setup([{ status: 302, headers: { location: 'https://evil.example/collect' } }, result]);
    await client.getTaskResult('t-1');
    expect(calls[1]!.url).toBe('https://evil.example/collect');
    expect(calls[1]!.headers.get('authorization')).toBeNull();
  });
  it('a redirect to plain http is refused', async () => {
    const { client, calls } = setup([{ status: 301, headers: { location: 'http://api.example.test/x' } }]);
    await expect(client.getTaskResult('t-1', { maxRetries: 0 })).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toHaveLength(1);
  });
  it('307 keeps the POST body; 303 turns it into a GET', async () => {
    const a = setup([{ status: 307, headers: { location: '/v2' } }, ok]);
    await a.client.submitQ1Reference(body);
    expect(a.calls[1]).toMatchObject({ method: 'POST', body: JSON.stringify(body) });
    const b = setup([{ status: 303, headers: { location: '/v2' } }, ok]);
    await b.client.submitQ1Reference(body);
    expect(b.calls[1]).toMatchObject({ method: 'GET', body: undefined });
  });
});
