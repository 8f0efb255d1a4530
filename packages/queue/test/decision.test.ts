// The job's next step after a failed request, from the client's own verdicts (real error
// classes, no network).
import { ConnectionError, createApiError, SubmitOutcomeUnknownError, TimeoutError, ValidationError } from '@vidukit/client';
import { describe, expect, it } from 'vitest';
import { backoffMs, classifyPollFailure, classifySubmitFailure, pauseAfter } from '../src/decision.js';

const api = (status: number, extra: { retryAfterMs?: number } = {}) => createApiError({ status, body: { code: status, reason: 'X', message: 'm' }, operation: 'submitQ1Reference', ...extra });

describe('after a failed submit', () => {
  it('a task that may exist is never submitted again automatically', () => {
    expect(classifySubmitFailure(new SubmitOutcomeUnknownError({ operation: 'submitQ1Reference' }))).toBe('may-have-created');
    expect(classifySubmitFailure(new ConnectionError('reset', { beforeSend: false }))).toBe('may-have-created');
    expect(classifySubmitFailure(new TimeoutError(1000, { operation: 'submitQ1Reference' }))).toBe('may-have-created');
    // Not raised by the client at all: a doubt, not a second bill.
    expect(classifySubmitFailure(new TypeError('boom'))).toBe('may-have-created');
  });

  it('what certainly created nothing is tried later', () => {
    expect(classifySubmitFailure(api(429))).toBe('not-created-retry');
    expect(classifySubmitFailure(new ConnectionError('refused', { beforeSend: true }))).toBe('not-created-retry');
  });

  it('a refusal is final until the jobs file changes', () => {
    expect(classifySubmitFailure(api(400))).toBe('rejected');
    expect(classifySubmitFailure(api(401))).toBe('rejected');
    expect(classifySubmitFailure(new ValidationError([{ path: 'prompt', message: 'too long' }]))).toBe('rejected');
  });
});

describe('after a failed poll', () => {
  it('maps the client verdicts', () => {
    expect(classifyPollFailure(api(429))).toBe('rate-limited');
    expect(classifyPollFailure(api(404))).toBe('not-found');
    expect(classifyPollFailure(api(503))).toBe('transient');
    expect(classifyPollFailure(new ConnectionError('reset'))).toBe('transient');
    expect(classifyPollFailure(api(401))).toBe('fatal');
  });

  it("pauses for the 429's Retry-After, else the fallback; backs off within bounds", () => {
    expect(pauseAfter(api(429, { retryAfterMs: 3000 }), 2000)).toBe(3000);
    expect(pauseAfter(api(429), 2000)).toBe(2000);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ms = backoffMs(attempt);
      expect(ms).toBeGreaterThanOrEqual(Math.min(30_000, 1000 * 2 ** (attempt - 1)) / 2);
      expect(ms).toBeLessThanOrEqual(30_000);
    }
  });
});
