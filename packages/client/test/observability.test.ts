// What a caller can see besides results and errors (issue 19 items 6-8): the answer's status,
// headers and request id on success; VIDU_LOG=debug on stderr, redacted; errors recognised
// across the ESM and CJS builds loaded in one process.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViduClient, responseOf, type ResponseInfo } from '../src/index.js';
import { loopback, sendJson, type Loopback } from './support/loopback.js';

const KEY = 'sk-observability-0123456789';
let api: Loopback;
beforeAll(async () => {
  api = await loopback((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { task_id: 't-1' }, { 'x-request-id': 'req-submit-1' })
      : sendJson(res, 200, { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } }, { 'x-request-id': 'req-read-1', 'x-ratelimit-remaining': '42' }),
  );
});
afterAll(() => api.close());

describe('item 6: the answer of a successful call', () => {
  it('onResponse receives status, headers and request id; responseOf(result) gives the same', async () => {
    const c = createViduClient({ apiKey: KEY, baseUrl: api.url });
    const seen: ResponseInfo[] = [];
    const result = await c.getTaskResult('t-1', { onResponse: (info) => seen.push(info) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 200, requestId: 'req-read-1', attempts: 1 });
    expect(seen[0]!.headers.get('x-ratelimit-remaining')).toBe('42');
    expect(responseOf(result)).toMatchObject({ status: 200, requestId: 'req-read-1' });
    const submitted = await c.submitQ1Reference({ images: ['https://example.com/a.png'], prompt: 'p' });
    expect(responseOf(submitted)?.requestId).toBe('req-submit-1');
    expect(responseOf({})).toBeUndefined();
  });
  it('the answer a result carries is invisible to keys, spreads, JSON and deep equality; copies do not carry it', async () => {
    const c = createViduClient({ apiKey: KEY, baseUrl: api.url });
    const result = await c.getTaskResult('t-1');
    const body = { task: { task_id: 't-1', status: 'TASK_STATUS_QUEUED' } };
    expect(Object.keys(result)).toEqual(['task']);
    expect(JSON.stringify(result)).toBe(JSON.stringify(body));
    expect(result).toStrictEqual(body);
    expect({ ...result }).toStrictEqual(body);
    expect(responseOf({ ...result })).toBeUndefined();
    expect(responseOf(structuredClone(result))).toBeUndefined();
    expect(responseOf(Object.create(result))).toBeUndefined();
    expect(responseOf(null as unknown as object)).toBeUndefined();
  });
});

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

describe('item 7: VIDU_LOG=debug', () => {
  it('prints request and response events to stderr, with the key nowhere', async () => {
    const script = `import('${dist('index.js')}').then(async ({ createViduClient }) => {
      const c = createViduClient({ apiKey: ${JSON.stringify(KEY)}, baseUrl: ${JSON.stringify(api.url)} });
      await c.getTaskResult('t-1');
    });`;
    // A child process (the server here must keep answering while it runs).
    const run = (env: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const on = await run({ VIDU_LOG: 'debug' });
    expect(on.status).toBe(0);
    expect(on.stderr).toMatch(/\[vidukit\] request getTaskResult/);
    expect(on.stderr).toMatch(/\[vidukit\] response getTaskResult .*status=200/);
    expect(on.stderr + on.stdout).not.toContain(KEY);
    const off = await run({ VIDU_LOG: '' });
    expect(off.stderr).not.toMatch(/\[vidukit\]/);
  });
});

describe('item 8: errors from the ESM and the CJS build in one process', () => {
  it('isViduError and instanceof agree across builds', async () => {
    const esm = await import(dist('index.js'));
    const cjs = createRequire(import.meta.url)(dist('index.cjs'));
    expect(esm.ViduError).not.toBe(cjs.ViduError);
    const fromCjs = new cjs.TaskNotFoundError({ status: 404, operation: 'getTaskResult' });
    const fromEsm = new esm.TimeoutError(5, { operation: 'getTaskResult' });
    for (const lib of [esm, cjs]) {
      expect(lib.isViduError(fromCjs)).toBe(true);
      expect(lib.isViduError(fromEsm)).toBe(true);
      expect(fromCjs instanceof lib.ViduError).toBe(true);
      expect(fromCjs instanceof lib.ApiError).toBe(true);
      expect(fromCjs instanceof lib.NotFoundError).toBe(true);
      expect(fromCjs instanceof lib.TaskNotFoundError).toBe(true);
      expect(fromCjs instanceof lib.ServerError).toBe(false);
      expect(fromEsm instanceof lib.TimeoutError).toBe(true);
      expect(fromEsm instanceof lib.ApiError).toBe(false);
      expect(lib.isViduError(new Error('x'))).toBe(false);
      expect(new DOMException('t', 'TimeoutError') instanceof lib.TimeoutError).toBe(false);
    }
  });
});
