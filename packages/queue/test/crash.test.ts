import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startRedis } from '@vidukit/test-utils/redis';
import { hasTool } from '@vidukit/test-utils/tools';
import { runScenario } from './scenario.js';

// The 2,000-job version is the benchmark (bench/evidence.ts); this is the same run, smaller.
describe.skipIf(!hasTool('redis-server'))('crash evidence: SIGKILLed worker, dropped Redis connections, lost submit answers', () => {
  it('200 jobs, 4 worker processes: no duplicate task, no lost task id, every in-doubt job reported, budget kept', async () => {
    const r = await runScenario({
      redis: inject('redisUrl'),
      queue: 'crash-small',
      jobs: 200,
      workers: 4,
      concurrency: 8,
      // A wide margin: this machine is shared, and a process can sit unscheduled for 100+ ms.
      budget: { limit: 60, windowMs: 1000, marginMs: 400 },
      resetAfterAccept: 0.03,
      killAt: 0.3,
      latencyMs: 50,
      dropConnectionsAt: [0.4, 0.7],
      timeoutMs: 110_000,
      log: (l) => console.log(l),
    });
    console.log(JSON.stringify(r));
    expect(r.killedWorkerPid).toBeDefined();
    expect(r.connectionDrops).toBe(2);
    expect(r.duplicateTasks).toBe(0);
    expect(r.lostTaskIds).toBe(0);
    expect(r.inDoubtReported).toBe(r.inDoubt);
    // The job whose submit the kill cut short is one of them.
    expect(r.inDoubtFromCrash).toBeGreaterThanOrEqual(1);
    // The lost answers (3% of submits) show up as doubts; nothing else ends badly.
    expect(r.inDoubt).toBeGreaterThan(0);
    expect(r.counts.succeeded + r.counts.unknown).toBe(200);
    expect(r.counts.submitting + r.counts.queued + r.counts.submitted).toBe(0);
    expect(r.maxGrantsInWindow).toBeLessThanOrEqual(r.budget.limit);
    expect(r.maxInWindow).toBeLessThanOrEqual(r.budget.limit);
  }, 120_000);

  it('redis-server killed and restarted from its append-only file mid-run: every job ends, none twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidu-queue-aof-'));
    let redis = await startRedis({ persistDir: dir });
    try {
      const r = await runScenario({
        redis: redis.url,
        queue: 'aof-restart',
        jobs: 80,
        workers: 2,
        concurrency: 6,
        budget: { limit: 40, windowMs: 1000, marginMs: 400 },
        restartRedisAt: 0.3,
        restartRedis: async () => {
          process.kill(redis.pid, 'SIGKILL');
          await new Promise((res) => setTimeout(res, 1000));
          redis = await startRedis({ port: redis.port, persistDir: dir });
        },
        timeoutMs: 100_000,
        log: (l) => console.log(l),
      });
      console.log(JSON.stringify(r));
      expect(r.redisRestarts).toBe(1);
      expect(r.duplicateTasks).toBe(0);
      expect(r.lostTaskIds).toBe(0);
      expect(r.inDoubtReported).toBe(r.inDoubt);
      expect(r.counts.succeeded + r.counts.unknown).toBe(80);
      expect(r.maxGrantsInWindow).toBeLessThanOrEqual(r.budget.limit);
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
