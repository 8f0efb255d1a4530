import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { hasTool } from '@vidukit/test-utils/tools';
import { Budget, enqueueBatch, jobIdFor, keysFor, queueStatus, recordedTaskIds } from '../src/index.js';
import { makeJobs, maxInWindow, spawnWorker, startProvider, until, type Provider, type WorkerProcess } from './helpers.js';

describe('job ids', () => {
  it('come from the batch name and the line content, occurrence included', () => {
    const a = jobIdFor('jobs', '{"prompt":"a"}');
    expect(jobIdFor('jobs', '{"prompt":"a"}  ')).toBe(a);
    expect(jobIdFor('jobs', '{"prompt":"a"}', 2)).not.toBe(a);
    expect(jobIdFor('other', '{"prompt":"a"}')).not.toBe(a);
    expect(a).not.toContain(':');
  });
});

describe.skipIf(!hasTool('redis-server'))('queue with worker processes, the simulator as provider', () => {
  const redisUrl = inject('redisUrl');
  const dirs: string[] = [];
  let provider: Provider | undefined;
  let workers: WorkerProcess[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'vidu-queue-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    await provider?.close();
    provider = undefined;
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('enqueueing the same jobs twice adds nothing', async () => {
    const jobs = makeJobs(30, 'twice');
    const first = await enqueueBatch({ redis: redisUrl, queue: 'twice', batch: 'jobs', jobs });
    const second = await enqueueBatch({ redis: redisUrl, queue: 'twice', batch: 'jobs', jobs });
    expect(first).toMatchObject({ added: 30, existing: 0 });
    expect(second).toMatchObject({ added: 0, existing: 30, requeued: [] });
    expect(second.ids).toEqual(first.ids);
    const status = await queueStatus({ redis: redisUrl, queue: 'twice' });
    expect(status.total).toBe(30);
    expect(status.engine.waiting).toBe(30);
  });

  it('two worker processes run every job once, download each video, and keep one budget at the provider', async () => {
    provider = await startProvider({ seed: 2 });
    const out = tmp();
    const queue = 'two-workers';
    // A wide margin: this machine is shared, and a process can sit unscheduled for 100+ ms.
    const budget = { limit: 10, windowMs: 500, marginMs: 300, audit: true };
    const jobs = makeJobs(40, 'two');
    await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs, budget });
    workers = [0, 1].map(() => spawnWorker({ redis: redisUrl, queue, baseUrl: provider!.url, outDir: out, concurrency: 6 }));
    await Promise.all(workers.map((w) => w.ready));
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).settled, 50_000, 'every job to settle');
    const status = await queueStatus({ redis: redisUrl, queue });
    expect(status.counts.succeeded).toBe(40);
    for (let i = 1; i <= 40; i++) expect(statSync(join(out, `two-${i}.mp4`)).size).toBeGreaterThan(1000);
    // One task per job at the provider.
    const tasks = await provider.tasks();
    expect(tasks).toHaveLength(40);
    expect(new Set(tasks.map((t) => t.body.prompt)).size).toBe(40);
    // Both workers did some of the work.
    for (const w of workers) expect(w.events.some((e) => e.type === 'submitted' || e.type === 'polled')).toBe(true);
    // The budget, as the provider saw it: never more than 10 API requests in any 500 ms.
    const arrivals = await provider.arrivals();
    expect(arrivals.length).toBeGreaterThanOrEqual(80);
    expect(maxInWindow(arrivals.map((a) => a.t), budget.windowMs)).toBeLessThanOrEqual(budget.limit);
    // And as Redis granted them: exact, whatever the load (window plus margin).
    const admin = new Redis(redisUrl);
    const grants = await new Budget(admin, keysFor({ queue })).grants();
    admin.disconnect();
    expect(grants.length).toBeGreaterThanOrEqual(arrivals.length);
    expect(maxInWindow(grants, budget.windowMs + budget.marginMs)).toBeLessThanOrEqual(budget.limit);
  });

  it('waiting holds no worker slot: one worker with concurrency 1 has many tasks running at once', async () => {
    provider = await startProvider({ seed: 3, queuedMs: 500, processingMs: 2500 });
    const queue = 'no-slot';
    await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs: makeJobs(8, 'slot'), budget: { limit: 50, windowMs: 1000 } });
    workers = [spawnWorker({ redis: redisUrl, queue, baseUrl: provider.url, outDir: tmp(), concurrency: 1 })];
    await workers[0]!.ready;
    let most = 0;
    await until(
      async () => {
        const s = await queueStatus({ redis: redisUrl, queue });
        most = Math.max(most, s.counts.submitted);
        return s.settled;
      },
      40_000,
      'every job to settle',
    );
    expect(most).toBeGreaterThanOrEqual(6);
    expect((await queueStatus({ redis: redisUrl, queue })).counts.succeeded).toBe(8);
  });

  it('a job found in "submitting" (its worker died mid-submit) is reported in doubt and never submitted', async () => {
    provider = await startProvider({ seed: 5 });
    const queue = 'fence';
    const { ids } = await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs: makeJobs(3, 'fence'), budget: { limit: 50, windowMs: 1000 } });
    // What a worker killed between "submitting" and the task id leaves behind.
    const admin = new Redis(redisUrl);
    await admin.hset(keysFor({ queue }).job(ids[0]!), { state: 'submitting', owner: 'dead-worker:token', submits: '1' });
    admin.disconnect();
    workers = [spawnWorker({ redis: redisUrl, queue, baseUrl: provider.url, outDir: tmp() })];
    await workers[0]!.ready;
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).settled, 30_000, 'every job to settle');
    const s = await queueStatus({ redis: redisUrl, queue });
    expect(s.counts).toMatchObject({ succeeded: 2, unknown: 1 });
    expect(s.problems).toEqual([expect.objectContaining({ id: ids[0], state: 'unknown', message: expect.stringMatching(/^a worker stopped/) })]);
    const tasks = await provider.tasks();
    expect(tasks.map((t) => t.body.prompt).sort()).toEqual(['fence 2: a cat yawns', 'fence 3: a cat yawns']);
    expect(workers[0]!.events).toContainEqual(expect.objectContaining({ type: 'in-doubt', jobId: ids[0] }));
  });

  it('a worker frozen mid-submit past its lock: the job is put in doubt, then its task id wins and the job completes', async () => {
    provider = await startProvider({ seed: 8, queuedMs: 200, processingMs: 300 });
    const queue = 'frozen';
    await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs: makeJobs(1, 'frozen'), budget: { limit: 50, windowMs: 1000 } });
    const fast = { lockDurationMs: 1000, stalledIntervalMs: 300 };
    const a = spawnWorker({ redis: redisUrl, queue, baseUrl: provider.url, outDir: tmp(), ...fast });
    workers = [a];
    let frozen = false;
    a.onEvent((e) => {
      if (e.type === 'submitting' && !frozen) {
        frozen = true;
        a.child.kill('SIGSTOP');
      }
    });
    await a.ready;
    await until(() => frozen, 10_000, 'worker A to start its submit');
    const b = spawnWorker({ redis: redisUrl, queue, baseUrl: provider.url, outDir: tmp(), ...fast });
    workers.push(b);
    await until(() => b.events.some((e) => e.type === 'in-doubt'), 15_000, 'worker B to put the job in doubt');
    a.child.kill('SIGCONT');
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).counts.succeeded === 1, 20_000, 'the job to succeed');
    expect(await provider.tasks()).toHaveLength(1);
    const s = await queueStatus({ redis: redisUrl, queue });
    expect(s.problems).toEqual([]);
    expect(a.events).toContainEqual(expect.objectContaining({ type: 'submitted' }));
  });

  it('a failed task is submitted again only with retryFailed, keeping the earlier task id', async () => {
    provider = await startProvider({ seed: 6 });
    const queue = 'retry-failed';
    const jobs = makeJobs(1, 'doomed [fail]');
    await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs, budget: { limit: 50, windowMs: 1000 } });
    workers = [spawnWorker({ redis: redisUrl, queue, baseUrl: provider.url, outDir: tmp() })];
    await workers[0]!.ready;
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).settled, 30_000, 'the job to settle');
    expect((await queueStatus({ redis: redisUrl, queue })).counts.failed).toBe(1);
    expect(await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs })).toMatchObject({ added: 0, requeued: [] });
    const again = await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs, retryFailed: true });
    expect(again.requeued).toEqual([expect.objectContaining({ line: 1, from: 'failed' })]);
    await until(async () => (await provider!.tasks()).length === 2, 30_000, 'the second submit');
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).settled, 30_000, 'the job to settle again');
    const recorded = await recordedTaskIds({ redis: redisUrl, queue });
    expect([...recorded.values()][0]!.sort()).toEqual((await provider.tasks()).map((t) => t.taskId).sort());
  });

  it('a 429 pauses every worker for its Retry-After', async () => {
    provider = await startProvider({ seed: 4, queuedMs: 300, processingMs: 300 });
    const queue = 'pause-429';
    await enqueueBatch({ redis: redisUrl, queue, batch: 'jobs', jobs: makeJobs(30, 'pause'), budget: { limit: 40, windowMs: 1000 } });
    workers = [0, 1].map(() => spawnWorker({ redis: redisUrl, queue, baseUrl: provider!.url, outDir: tmp(), concurrency: 4 }));
    await Promise.all(workers.map((w) => w.ready));
    await until(async () => (await provider!.arrivals()).length >= 10, 20_000, 'some traffic');
    await provider.inject429(1, 2);
    await until(async () => (await provider!.arrivals()).some((a) => a.status === 429), 20_000, 'the 429');
    await until(async () => (await queueStatus({ redis: redisUrl, queue })).settled, 50_000, 'every job to settle');
    const arrivals = await provider.arrivals();
    const t429 = arrivals.find((a) => a.status === 429)!.t;
    // Requests already granted may still land just after the 429; then nothing until the pause ends.
    const during = arrivals.filter((a) => a.t > t429 + 300 && a.t < t429 + 1800);
    expect(during).toEqual([]);
    expect(arrivals.some((a) => a.t >= t429 + 1800)).toBe(true);
    const s = await queueStatus({ redis: redisUrl, queue });
    expect(s.counts.succeeded).toBe(30);
    expect(await provider.tasks()).toHaveLength(30);
  });
});
