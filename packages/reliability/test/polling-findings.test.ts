/**
 * Two defects the soak found in polling (issue 14 K1 and K8), pinned down in isolation as
 * regression tests: the client and polling against a real node:http server on 127.0.0.1 for K1,
 * the scheduler on a manual clock for K8 (its figures are times, which a real clock would make
 * flaky).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViduClient, RateLimitError } from '@vidukit/client';
import { fixedSchedule, waitForMany, waitForTask } from '@vidukit/polling';
import { ManualClock } from '@vidukit/polling/testing';
import { json, startServer, type TestServer } from '../src/servers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, {}));
});
afterAll(() => server.close());

const SUCCEEDED = { task: { task_id: 't-1', status: 'TASK_STATUS_SUCCEED', reason: '' }, videos: [{ video_url: 'https://e.x/v.mp4' }] };

describe('K1: an unreadable 200 answer to a poll is a transient fault', () => {
  const unreadable: [string, (res: import('node:http').ServerResponse) => void][] = [
    ['truncated JSON', (res) => json(res, 200, '{"task":{"task_id":"t-1","sta')],
    ['an empty body', (res) => json(res, 200, '')],
    ['HTML with a 200', (res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>portal</body></html>')],
    ['a body cut by a reset', (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"task":{"task_id":"t-1",', () => res.destroy());
    }],
  ];

  it.each(unreadable)('%s, then a good answer: the wait succeeds, having read the task twice', async (_name, answer) => {
    let n = 0;
    server.handle((_req, res) => (++n === 1 ? answer(res) : json(res, 200, SUCCEEDED)));
    const before = server.requests.length;
    const client = createViduClient({ apiKey: 'k-local-test-0001', baseUrl: server.url, maxRetries: 0 });
    const r = await waitForTask(client, 't-1', { schedule: fixedSchedule(10), timeoutMs: 20_000, random: () => 0 });
    expect(r.status).toBe('TASK_STATUS_SUCCEED');
    expect(server.requests.length - before).toBe(2);
  });

  it('answers that stay unreadable end the wait within its deadline, with a typed error carrying the task id', async () => {
    server.handle((_req, res) => json(res, 200, '{"task":'));
    const client = createViduClient({ apiKey: 'k-local-test-0001', baseUrl: server.url, maxRetries: 0 });
    const e = await waitForTask(client, 't-1', { schedule: fixedSchedule(10), timeoutMs: 20_000, maxConsecutiveErrors: 2, random: () => 0 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ taskId: 't-1' });
    expect((e as Error).name).toBe('InvalidResponseError');
  });
});

describe('K8: a burst of 429s pauses a waitForMany batch once', () => {
  /** 16 tasks, 50 ms latency, 429 (no Retry-After) for every poll sent in the first 20 ms. */
  async function finishedAt(concurrency: number): Promise<number> {
    const clock = new ManualClock(0);
    const client = {
      getTaskResult(taskId: string) {
        const sentAt = clock.now();
        return new Promise<never>((resolve, reject) =>
          clock.setTimeout(() => {
            if (sentAt < 20) reject(new RateLimitError({ status: 429, operation: 'getTaskResult', reason: 'RATE_LIMIT_EXCEEDED' }));
            else resolve({ task: { task_id: taskId, status: 'TASK_STATUS_SUCCEED', reason: '' }, videos: [{ video_url: 'https://e.x/v.mp4' }] } as never);
          }, 50),
        );
      },
    };
    const ids = Array.from({ length: 16 }, (_, i) => `t${i}`);
    const outcomes = await clock.run(waitForMany(client, ids, { clock, concurrency, requestsPerMinute: 60_000, schedule: fixedSchedule(100), random: () => 0.5 }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(16);
    return clock.now();
  }

  it('16 polls in flight when the burst comes: done about as soon as with 1 in flight (was 45 s vs 2.3 s)', async () => {
    const one = await finishedAt(1);
    const sixteen = await finishedAt(16);
    expect(sixteen).toBeLessThan(one * 1.5);
    // One pause (2 s base, equal jitter at 0.5 = 1.5 s) and a few polls, not ~45 s.
    expect(sixteen).toBeLessThan(3_000);
  });
});
