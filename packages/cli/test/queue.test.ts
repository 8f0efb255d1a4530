// `vidu batch --queue`, `vidu worker` and `vidu batch status` as child processes, on a real
// redis-server and the simulator.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { startRedis, type RedisHandle } from '@vidukit/test-utils/redis';
import { hasTool } from '@vidukit/test-utils/tools';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, isMp4, PNG, start, tempDir, vidu } from './helpers.js';

const KEY = 'sk-queue-test-secret-0123456789';

describe.skipIf(!hasTool('redis-server'))('vidu batch --queue / vidu worker / vidu batch status', () => {
  let redis: RedisHandle;
  let sim: SimulatorHandle;
  let dir: string;
  const env = cleanEnv({ VIDU_API_KEY: KEY });
  beforeAll(async () => {
    redis = await startRedis();
    sim = await startSimulator({ apiKey: KEY, queuedMs: 200, processingMs: 500, seed: 11 });
    dir = tempDir();
    // Local image paths: the enqueuer reads them, so workers elsewhere need no access to them.
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ model: 'q1-reference', prompt: `queue cli ${i + 1}`, images: [PNG], out: `v${i + 1}.mp4` }));
    writeFileSync(join(dir, 'jobs.jsonl'), `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await sim?.close();
    await redis?.stop();
  });

  it('enqueues with --detach, and enqueueing again adds nothing', async () => {
    const first = await vidu(['batch', join(dir, 'jobs.jsonl'), '--queue', redis.url, '--detach', '--budget', '20/1s', '--json'], { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, detached: true, added: 6, existing: 0 });
    const again = await vidu(['batch', join(dir, 'jobs.jsonl'), '--queue', redis.url, '--detach', '--json'], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, existing: 6, requeued: [] });
  });

  it('two workers run the jobs; batch shows progress until done; status counts them; the key is nowhere', async () => {
    const out = join(dir, 'videos');
    const workers = [0, 1].map(() => start(['worker', '--queue', redis.url, '--out', out, '--base-url', sim.url, '--concurrency', '3', '--json'], { env }));
    await Promise.all(workers.map((w) => w.waitFor(/worker \S+ on redis:/)));
    const batch = await vidu(['batch', join(dir, 'jobs.jsonl'), '--queue', redis.url, '--json'], { env });
    expect(batch.code).toBe(0);
    const doc = JSON.parse(batch.stdout);
    expect(doc).toMatchObject({ ok: true, total: 6, counts: { succeeded: 6 }, problems: [] });
    expect(batch.stderr).toMatch(/6\/6 done/);
    for (let i = 1; i <= 6; i++) expect(isMp4(join(out, `v${i}.mp4`))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(sim.counts().tasksCreated).toBe(6);

    const status = await vidu(['batch', 'status', '--queue', redis.url, '--json'], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 6, counts: { succeeded: 6 }, settled: true, budget: { limit: 20, windowMs: 1000 } });

    for (const w of workers) w.child.kill('SIGTERM');
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    }
    // No output and no Redis value carries the API key.
    for (const r of [batch, status, ...results]) expect(r.stdout + r.stderr).not.toContain(KEY);
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('*');
      for (const k of keys) {
        const type = await client.type(k);
        const dump = type === 'hash' ? JSON.stringify(await client.hgetall(k)) : type === 'string' ? await client.get(k) : type === 'zset' ? JSON.stringify(await client.zrange(k, '0', '-1')) : type === 'list' ? JSON.stringify(await client.lrange(k, '0', '-1')) : '';
        expect(dump ?? '').not.toContain(KEY);
      }
    } finally {
      client.disconnect();
    }
  }, 60_000);

  it('a lost submit answer is reported in doubt, never resubmitted, until --resubmit-unknown', async () => {
    const lossy = await startSimulator({ apiKey: KEY, queuedMs: 100, processingMs: 200, seed: 12, faults: { submit: { resetAfterAccept: 1 } } });
    const file = join(dir, 'doubt.jsonl');
    writeFileSync(file, `${JSON.stringify({ model: 'q1-reference', prompt: 'doubtful', images: ['https://example.com/a.png'], out: 'doubt.mp4' })}\n`);
    const out = join(dir, 'doubt-videos');
    const q = ['--queue', redis.url, '--queue-name', 'doubt'];
    try {
      await vidu(['batch', file, ...q, '--detach'], { env });
      const w1 = start(['worker', ...q, '--out', out, '--base-url', lossy.url], { env });
      await w1.waitFor(/in doubt/);
      w1.child.kill('SIGTERM');
      await w1.done;
      expect(lossy.counts().tasksCreated).toBe(1);

      const status = await vidu(['batch', 'status', ...q, '--json'], { env });
      const doc = JSON.parse(status.stdout);
      expect(doc.counts.unknown).toBe(1);
      expect(doc.problems).toEqual([expect.objectContaining({ line: 1, state: 'unknown' })]);
      const human = await vidu(['batch', 'status', ...q], { env });
      expect(human.stderr).toMatch(/in doubt/);
      expect(human.stderr).toMatch(/--resubmit-unknown/);

      // Rerunning the batch without the flag changes nothing.
      const rerun = await vidu(['batch', file, ...q, '--detach', '--json'], { env });
      expect(JSON.parse(rerun.stdout)).toMatchObject({ added: 0, existing: 1, requeued: [] });

      // With the flag, a worker on a healthy provider submits it again.
      const put = await vidu(['batch', file, ...q, '--detach', '--resubmit-unknown', '--json'], { env });
      expect(JSON.parse(put.stdout).requeued).toEqual([expect.objectContaining({ line: 1, from: 'unknown' })]);
      const w2 = start(['worker', ...q, '--out', out, '--base-url', sim.url], { env });
      await w2.waitFor(/saved/, 30_000);
      w2.child.kill('SIGTERM');
      await w2.done;
      expect(existsSync(join(out, 'doubt.mp4'))).toBe(true);
    } finally {
      await lossy.close();
    }
  }, 60_000);

  it('names the flag on bad input, before any connection', async () => {
    const r = await vidu(['batch', join(dir, 'jobs.jsonl'), '--queue', 'http://127.0.0.1:1', '--json'], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--queue');
    const w = await vidu(['worker', '--queue', redis.url, '--json'], { env });
    expect(w.code).toBe(2);
    expect(w.stdout).toContain('--out');
    const b = await vidu(['worker', '--queue', redis.url, '--out', dir, '--budget', 'lots', '--json'], { env });
    expect(b.code).toBe(2);
    expect(b.stdout).toContain('--budget');
    const d = await vidu(['batch', join(dir, 'jobs.jsonl'), '--detach', '--json'], { env });
    expect(d.code).toBe(2);
    expect(d.stdout).toContain('--detach');
  });
});
