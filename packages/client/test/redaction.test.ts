// Regression tests for redaction (issue 14 P1, P14, K5): what is redacted is what is sent (the
// trimmed key, short keys too), metadata fields named like secrets, own "__proto__" keys,
// bounded messages for huge keys in a request body.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ValidationError, createApiError, createViduClient, redact } from '../src/index.js';
import { caught, loopback, sendJson, type Loopback } from './support/loopback.js';

let api: Loopback;
beforeAll(async () => {
  // Echoes the key it was sent (without "Bearer ") in every text field of a 401.
  api = await loopback((req, res) => {
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    sendJson(res, 401, { reason: 'INVALID_API_KEY', message: `key ${key} is not valid`, metadata: { echoed: key } });
  });
});
afterAll(() => api.close());

const renderings = (e: unknown) => [String(e), (e as Error).message, (e as Error).stack ?? '', JSON.stringify(e), inspect(e, { showHidden: true, depth: 10 })].join('\n');

describe('P1: the key as sent is what is redacted', () => {
  for (const [label, raw, sent] of [
    ['a trailing newline', 'sk-live-newline-0123456789\n', 'sk-live-newline-0123456789'],
    ['surrounding spaces', '  sk-live-spaces-0123456789  ', 'sk-live-spaces-0123456789'],
    ['a 6-character key', 'k3y9zq', 'k3y9zq'],
  ] as const) {
    it(`${label}: the server's echo is never shown`, async () => {
      const e = await caught(createViduClient({ apiKey: raw, baseUrl: api.url, maxRetries: 0 }).getTaskResult('t-1'));
      expect(e).toBeInstanceOf(ApiError);
      expect(renderings(e)).not.toContain(sent);
    });
  }
  it('metadata fields named key, token, secret, password are redacted by name', () => {
    const e = createApiError({
      status: 400,
      operation: 'submitQ1Reference',
      body: { reason: 'X', message: 'm', metadata: { api_key: 'v1-aaaaaaaa', access_token: 'v2-bbbbbbbb', client_secret: 'v3', password: 'v4', key: 'v5', nested: { token: 'v6' }, key_image: 'https://example.com/k.png' } },
    });
    const text = renderings(e);
    for (const v of ['v1-aaaaaaaa', 'v2-bbbbbbbb', '"v3"', '"v4"', '"v5"', '"v6"']) expect(text).not.toContain(v);
    expect(e.metadata!.key_image).toBe('https://example.com/k.png');
  });
  it('a short key is redacted as a word only, not inside other words', () => {
    createViduClient({ apiKey: 'abc', baseUrl: api.url });
    expect(redact('key abc rejected')).toBe('key [REDACTED] rejected');
    expect(redact('fabcd')).toBe('fabcd');
  });
});

describe('P14: metadata with an own "__proto__" key', () => {
  it('keeps the ordinary prototype; nothing is inherited from the answer', () => {
    const body = JSON.parse('{"reason":"X","message":"m","metadata":{"__proto__":{"polluted":true},"a":1}}');
    const e = createApiError({ status: 400, operation: 'getTaskResult', body });
    expect(Object.getPrototypeOf(e.metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(e.metadata!, '__proto__')).toBe(false);
    expect((e.metadata as Record<string, unknown>).polluted).toBeUndefined();
    expect(e.metadata!.a).toBe(1);
  });
});

describe('K5: huge keys in a request body', () => {
  it('a 1 MB unknown key name gives a bounded message and issue path', async () => {
    const c = createViduClient({ apiKey: 'sk-some-key-12345', baseUrl: api.url });
    const bodyWithKey = JSON.parse(`{"k${'y'.repeat(1024 * 1024)}": 1, "images": ["https://example.com/a.png"], "prompt": "a"}`);
    const e = (await caught(c.submitQ1Reference(bodyWithKey))) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message.length).toBeLessThan(2000);
    expect(e.issues[0]!.path.length).toBeLessThan(200);
    expect(JSON.stringify(e).length).toBeLessThan(5000);
  });
});
