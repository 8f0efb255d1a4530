// Regression tests for inputs refused before anything is sent (issue 14 P3, P12, P13; issue 19
// item 5): keys and base URLs checked at createViduClient, values JSON would alter, task ids,
// time limits, and no key needed for a loopback server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, ValidationError, ViduError, createViduClient, validateRequest } from '../src/index.js';
import { caught, loopback, sendJson, type Loopback } from './support/loopback.js';

let api: Loopback;
beforeAll(async () => {
  api = await loopback((_q, res) => sendJson(res, 200, { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } }));
});
afterAll(() => api.close());
const valid = () => ({ images: ['https://example.com/a.png'], prompt: 'a cat' });

describe('P3: key and base URL problems are reported by createViduClient', () => {
  const create = (apiKey: string, baseUrl = 'https://api.example.test') => () => createViduClient({ apiKey, baseUrl });
  it('a key with a character invalid in a header: clear error naming apiKey, never the key', () => {
    for (const bad of ['sk-abc\ndef-123456', 'sk-abc\u0000def-1234', 'sk-ключ-12345678']) {
      expect(create(bad), JSON.stringify(bad)).toThrow(ViduError);
      try {
        create(bad)();
      } catch (e) {
        expect((e as Error).message).toMatch(/apiKey/);
        expect((e as Error).message).not.toContain(bad.trim());
      }
    }
  });
  it('a blank key (spaces, a newline) is refused, not sent as "Bearer "', () => {
    for (const blank of ['   ', '\n', '\t \r\n']) expect(create(blank)).toThrow(/apiKey.*(empty|blank)/);
  });
  it('surrounding whitespace is trimmed, as when read from a file', async () => {
    const c = createViduClient({ apiKey: '  sk-trim-me-12345678\n', baseUrl: api.url });
    api.requests.length = 0;
    await c.getTaskResult('t-1');
    expect(api.requests[0]!.headers.authorization).toBe('Bearer sk-trim-me-12345678');
  });
  it('a baseUrl with user:password@ is refused without echoing the password', () => {
    const run = () => createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: 'https://alice:hunter2pass@api.example.test' });
    expect(run).toThrow(/baseUrl.*(user|credentials)/i);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2pass');
    }
  });
  it('a header value that cannot be sent is refused, naming the header', () => {
    expect(() => createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url, headers: { 'X-Trace': 'a\nb' } })).toThrow(/X-Trace/);
  });
});

describe('P13: timeoutMs 0 is refused clearly', () => {
  it('at createViduClient', () => {
    expect(() => createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url, timeoutMs: 0 })).toThrow(/timeoutMs.*(at least|greater|positive)/);
  });
  it('per call, before sending', async () => {
    const c = createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url });
    api.requests.length = 0;
    const e = await caught(c.getTaskResult('t-1', { timeoutMs: 0 }));
    expect(e).toBeInstanceOf(ViduError);
    expect((e as Error).message).toMatch(/timeoutMs/);
    expect(api.requests).toHaveLength(0);
  });
});

describe('P12: values JSON encoding would drop or alter are refused by validation', () => {
  const cases: [string, unknown, string][] = [
    ['a function', () => 1, 'seed'],
    ['a symbol', Symbol('s'), 'seed'],
    ['an object with toJSON', { toJSON: () => 7 }, 'seed'],
    ['1e21', 1e21, 'seed'],
    ['2^53 + 1', 2 ** 53 + 1, 'seed'],
    ['NaN', Number.NaN, 'seed'],
    ['Infinity', Number.POSITIVE_INFINITY, 'seed'],
    ['a Date', new Date(0), 'seed'],
  ];
  for (const [what, seed, path] of cases) {
    it(`seed as ${what}`, () => {
      const issues = validateRequest('submitQ1Reference', { ...valid(), seed });
      expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
      expect(issues[0]!.path).toBe(path);
    });
  }
  it('a lone surrogate in a prompt', () => {
    const issues = validateRequest('submitQ1Reference', { ...valid(), prompt: 'a \uD800 cat' });
    expect(issues[0]).toMatchObject({ path: 'prompt' });
    expect(issues[0]!.message).toMatch(/surrogate|UTF/);
  });
  it('nothing is sent for such a body', async () => {
    const c = createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url });
    api.requests.length = 0;
    expect(await caught(c.submitQ1Reference({ ...valid(), seed: Number.NaN }))).toBeInstanceOf(ValidationError);
    expect(api.requests).toHaveLength(0);
  });
  it('undefined optional fields are fine (JSON leaves them out, as intended)', () => {
    expect(validateRequest('submitQ1Reference', { ...valid(), seed: undefined })).toEqual([]);
  });
  it('task ids: a lone surrogate, 100k characters, an empty id are refused before sending', async () => {
    const c = createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url });
    api.requests.length = 0;
    for (const id of ['t-\uD800', 'x\uDC00', 'x'.repeat(100_000), '']) {
      const e = (await caught(c.getTaskResult(id))) as ValidationError;
      expect(e, JSON.stringify(id.slice(0, 10))).toBeInstanceOf(ValidationError);
      expect(e.issues[0]!.path).toBe('task_id');
      expect(e.message.length).toBeLessThan(500);
    }
    expect(api.requests).toHaveLength(0);
    // Anything else travels percent-encoded, exactly: emoji (a surrogate pair) and a control character.
    for (const id of ['t-🎬-1', 't\u001b1']) {
      await c.getTaskResult(id);
      expect(new URL(api.requests.at(-1)!.url, api.url).searchParams.get('task_id')).toBe(id);
    }
  });
});

describe('issue 19 item 5: a loopback server needs no key; no "HTTP 0"', () => {
  it('no key and a loopback baseUrl: the call is made, with no Authorization header', async () => {
    const c = createViduClient({ baseUrl: api.url, apiKey: undefined });
    api.requests.length = 0;
    await expect(c.getTaskResult('t-1')).resolves.toMatchObject({ task: { task_id: 't-1' } });
    expect(api.requests[0]!.headers.authorization).toBeUndefined();
  });
  it('no key for a remote server: AuthenticationError that says no request was made, never "HTTP 0"', async () => {
    const saved = process.env.VIDU_API_KEY;
    delete process.env.VIDU_API_KEY;
    try {
      const e = (await caught(createViduClient({ baseUrl: 'https://api.example.test' }).getTaskResult('t-1'))) as AuthenticationError;
      expect(e).toBeInstanceOf(AuthenticationError);
      expect(e.message).not.toMatch(/HTTP 0/);
      expect(e.message).toMatch(/no API key/i);
    } finally {
      if (saved !== undefined) process.env.VIDU_API_KEY = saved;
    }
  });
});
