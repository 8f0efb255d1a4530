// Every method against the spec served by Prism (or VIDU_CONTRACT_BASE_URL).
import { describe, expect, inject, it } from 'vitest';
import {
  AuthenticationError,
  InsufficientBalanceError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SubmitOutcomeUnknownError,
  TaskNotFoundError,
  ValidationError,
  createViduClient,
  normalizeTaskResult,
} from '../src/index.js';

const baseUrl = inject('contractBaseUrl');
const isMock = inject('contractIsMock');
const apiKey = process.env.VIDU_CONTRACT_API_KEY ?? 'sk-contract-test-key-0123456789';
const client = createViduClient({ apiKey, baseUrl, maxRetries: 0 });

const q2fast = { prompt: '@1 walks', duration: 5, subjects: [{ name: '1', images: ['https://example.com/a.png'] }] };
const multi = {
  start_image: 'https://example.com/s.png',
  image_settings: [{ key_image: 'https://example.com/k1.png' }, { key_image: 'https://example.com/k2.png', duration: 3 }],
};
const q1 = { images: ['https://example.com/a.png'], prompt: 'a cat' };
const q2ref = { prompt: '@1 waves', duration: 4, subjects: [{ id: '1', images: ['https://example.com/a.png'] }] };

describe('submits', () => {
  it('submitQ2ProFast returns a task id', async () => {
    const res = await client.submitQ2ProFast(q2fast);
    expect(res.task_id).toEqual(expect.any(String));
  });
  it('submitQ2ProMultiframe returns a task id and provider request id', async () => {
    const res = await client.submitQ2ProMultiframe(multi);
    expect(res.task_id).toEqual(expect.any(String));
    if (isMock) expect(res).toHaveProperty('provider_request_id');
  });
  it('submitQ1Reference returns a task id', async () => {
    expect((await client.submitQ1Reference(q1)).task_id).toEqual(expect.any(String));
  });
  it('submitQ2Reference returns a task id', async () => {
    expect((await client.submitQ2Reference(q2ref)).task_id).toEqual(expect.any(String));
  });
  it('submit(opId, body) is the same call', async () => {
    expect((await client.submit('submitQ1Reference', q1)).task_id).toEqual(expect.any(String));
  });
  it('raw exposes openapi-fetch with auth applied', async () => {
    const { data, response } = await client.raw.POST('/v3/async/vidu-q1-reference2video', { body: q1 });
    expect(response.status).toBe(200);
    expect(data?.task_id).toEqual(expect.any(String));
  });
  it('an invalid body is rejected before the network', async () => {
    let calls = 0;
    const counting = createViduClient({ apiKey, baseUrl, fetch: (...a) => {
      calls++;
      return fetch(...a);
    } });
    await expect(counting.submitQ2ProFast({ ...q2fast, duration: 11 })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(0);
  });
});

describe.runIf(isMock)('getTaskResult examples', () => {
  for (const example of ['queued', 'processing', 'succeeded', 'failed']) {
    it(`reads the ${example} example and normalises it`, async () => {
      const raw = await client.getTaskResult('2f6c1a8e', { headers: { Prefer: `example=${example}` } });
      const n = normalizeTaskResult(raw, new Date(0));
      expect(n.taskId).toBe('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
      expect(n.isTerminal).toBe(example === 'succeeded' || example === 'failed');
      if (example === 'succeeded') {
        expect(n.videos[0]).toMatchObject({ type: 'mp4', ttlSeconds: 3600, expiresAt: new Date(3_600_000) });
        expect(n.seed).toBe(42);
      }
      if (example === 'failed') expect(n.reason).toMatch(/moderation/);
    });
  }
});

describe.runIf(isMock)('error answers become typed errors', () => {
  const cases = [
    ['code=404', TaskNotFoundError, 'read'],
    ['code=401', AuthenticationError, 'read'],
    ['code=403, example=invalidKey', AuthenticationError, 'read'],
    ['code=403, example=notAllowed', PermissionDeniedError, 'read'],
    ['code=400, example=balance', InsufficientBalanceError, 'submit'],
    ['code=429', RateLimitError, 'submit'],
    ['code=500', ServerError, 'read'],
    ['code=500', SubmitOutcomeUnknownError, 'submit'],
  ] as const;
  for (const [prefer, type, kind] of cases) {
    it(`${kind} with Prefer: ${prefer} -> ${type.name}`, async () => {
      const opts = { headers: { Prefer: prefer } };
      const call = kind === 'read' ? client.getTaskResult('t-1', opts) : client.submitQ1Reference(q1, opts);
      const err = await call.then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(type);
      expect(String(err)).not.toContain(apiKey);
    });
  }
  it('a missing key is an AuthenticationError at the first call', async () => {
    const prev = process.env.VIDU_API_KEY;
    delete process.env.VIDU_API_KEY;
    try {
      const noKey = createViduClient({ baseUrl });
      await expect(noKey.getTaskResult('t-1')).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      if (prev !== undefined) process.env.VIDU_API_KEY = prev;
    }
  });
});
