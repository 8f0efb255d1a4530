import { describe, expect, it } from 'vitest';
import { isRetryable, mayHaveCreatedTask, parseRetryAfter, retryDelay, shouldRetry } from '../src/policy.js';
import { sleep } from '../src/sleep.js';
import { AbortError } from '../src/transport-errors.js';

describe('shouldRetry', () => {
  const r = (status: number) => ({ kind: 'response', status }) as const;
  it('reads retry on network errors, timeouts, 408, 429 and 5xx', () => {
    for (const o of [{ kind: 'connect' }, { kind: 'network' }, { kind: 'timeout' }, r(408), r(429), r(500), r(502), r(503), r(504)] as const) {
      expect(shouldRetry('read', o)).toBe(true);
    }
  });
  it('reads do not retry 4xx answers or aborts', () => {
    for (const o of [r(400), r(401), r(403), r(404), r(422), { kind: 'abort' }] as const) expect(shouldRetry('read', o)).toBe(false);
  });
  it('submits retry only on 429 and failures before sending', () => {
    expect(shouldRetry('submit', r(429))).toBe(true);
    expect(shouldRetry('submit', { kind: 'connect' })).toBe(true);
    for (const o of [{ kind: 'network' }, { kind: 'timeout' }, { kind: 'abort' }, r(408), r(500), r(502), r(503), r(400)] as const) {
      expect(shouldRetry('submit', o)).toBe(false);
    }
  });
  it('submits retry ambiguous failures only when opted in', () => {
    const opt = { retrySubmitOnAmbiguousFailure: true };
    for (const o of [{ kind: 'network' }, { kind: 'timeout' }, r(500), r(503)] as const) expect(shouldRetry('submit', o, opt)).toBe(true);
    expect(shouldRetry('submit', { kind: 'abort' }, opt)).toBe(false);
    expect(shouldRetry('submit', r(400), opt)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('reads seconds', () => expect(parseRetryAfter(h({ 'retry-after': '3' }))).toBe(3000));
  it('reads fractional seconds', () => expect(parseRetryAfter(h({ 'retry-after': '1.5' }))).toBe(1500));
  it('reads an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }), now)).toBe(5000);
  });
  it('a date in the past means now', () => {
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toBe(0);
  });
  it('prefers retry-after-ms', () => expect(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250));
  it('ignores garbage', () => {
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after-ms': '-5' }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('is full jitter over a capped exponential step', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(0, undefined, { ...opts, random: () => 0.999999 })).toBe(99);
    expect(retryDelay(3, undefined, { ...opts, random: () => 0.5 })).toBe(400);
    expect(retryDelay(10, undefined, { ...opts, random: () => 0.5 })).toBe(500);
    expect(retryDelay(2, undefined, { ...opts, random: () => 0 })).toBe(0);
  });
  it('honours the server hint over backoff', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': '2' }), { random: () => 0 })).toBe(2000);
  });
  it('gives up (undefined) when the hint is longer than maxRetryAfterMs', () => {
    expect(retryDelay(0, new Headers({ 'retry-after': '120' }), { maxRetryAfterMs: 60_000 })).toBeUndefined();
  });
});

describe('sleep', () => {
  it('waits', async () => {
    const t = Date.now();
    await sleep(20);
    expect(Date.now() - t).toBeGreaterThanOrEqual(15);
  });
  it('is cut short by the signal', async () => {
    const c = new AbortController();
    const t = Date.now();
    const p = sleep(10_000, c.signal);
    setTimeout(() => c.abort(), 10);
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - t).toBeLessThan(1000);
  });
  it('rejects at once on an aborted signal', async () => {
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
  });
});

describe('isRetryable / mayHaveCreatedTask (the one classification of errors)', () => {
  const e = (name: string, fields: Record<string, unknown> = {}) => Object.assign(new Error('x'), { name, ...fields });
  it('reads: transient failures retry, answers about the request do not', () => {
    for (const err of [e('ConnectionError', { beforeSend: true }), e('ConnectionError'), e('TimeoutError'), e('ServerError', { status: 503 }), e('RateLimitError', { status: 429 }), e('ApiError', { status: 408 }), e('InvalidResponseError', { status: 200 })]) {
      expect(isRetryable(err), err.name).toBe(true);
    }
    for (const err of [e('AbortError'), e('BadRequestError', { status: 400 }), e('TaskNotFoundError', { status: 404 }), e('ValidationError'), e('ResponseTooLargeError'), e('SubmitOutcomeUnknownError', { status: 500 }), new Error('x'), 'str', null]) {
      expect(isRetryable(err), String((err as Error)?.name ?? err)).toBe(false);
    }
  });
  it('submits: only what cannot have created a task retries, unless opted in', () => {
    expect(isRetryable(e('ConnectionError', { beforeSend: true }), { kind: 'submit' })).toBe(true);
    expect(isRetryable(e('RateLimitError', { status: 429 }), { kind: 'submit' })).toBe(true);
    for (const err of [e('ConnectionError'), e('TimeoutError'), e('ServerError', { status: 500 }), e('InvalidResponseError', { status: 200 })]) {
      expect(isRetryable(err, { kind: 'submit' }), err.name).toBe(false);
    }
    expect(isRetryable(e('TimeoutError'), { kind: 'submit', retrySubmitOnAmbiguousFailure: true })).toBe(true);
    expect(isRetryable(e('InvalidResponseError', { status: 200 }), { kind: 'submit', retrySubmitOnAmbiguousFailure: true })).toBe(false);
  });
  it('mayHaveCreatedTask: ambiguous outcomes yes, refusals and 4xx no', () => {
    for (const err of [e('SubmitOutcomeUnknownError'), e('ConnectionError'), e('TimeoutError'), e('ServerError', { status: 502 }), e('ApiError', { status: 408 }), e('AbortError', { requestSent: true }), e('InvalidResponseError', { status: 200 })]) {
      expect(mayHaveCreatedTask(err), err.name).toBe(true);
    }
    for (const err of [e('ConnectionError', { beforeSend: true }), e('AbortError'), e('BadRequestError', { status: 400 }), e('RateLimitError', { status: 429 }), e('ValidationError'), undefined]) {
      expect(mayHaveCreatedTask(err), String((err as Error)?.name)).toBe(false);
    }
  });
  it('retryDelay takes the hint from headers, an error or a number; equal jitter on request', () => {
    expect(retryDelay(0, e('RateLimitError', { status: 429, retryAfterMs: 1234 }))).toBe(1234);
    expect(retryDelay(0, 700)).toBe(700);
    expect(retryDelay(1, undefined, { baseDelayMs: 1000, jitter: 'equal', random: () => 0 })).toBe(1000);
    expect(retryDelay(1, undefined, { baseDelayMs: 1000, jitter: 'equal', random: () => 1 })).toBe(2000);
  });
});
