// The evidence run, shared by the test (small) and the benchmark (2,000 jobs): N jobs on the
// simulator, W worker processes under one budget, optionally one worker SIGKILLed mid-run and
// every Redis connection dropped (CLIENT KILL), then an audit of the provider's tasks against
// the task ids recorded in Redis.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Budget, enqueueBatch, keysFor, queueStatus, recordedTaskIds, type BudgetConfig, type StateCounts } from '../src/index.js';
import { makeJobs, maxInWindow, spawnWorker, startProvider, until, type WorkerProcess } from './helpers.js';

export interface ScenarioOptions {
  redis: string;
  queue: string;
  jobs: number;
  workers: number;
  budget: BudgetConfig;
  concurrency?: number;
  /** Share of submits whose task is created and whose answer is lost (the in-doubt case). */
  resetAfterAccept?: number;
  /** SIGKILL worker 0 once this share of the jobs has been submitted, the moment it starts a submit (none if undefined). */
  killAt?: number;
  /** Drop every Redis client connection once these shares are settled. */
  dropConnectionsAt?: number[];
  /** Call this (which restarts redis-server) once this share of the jobs is settled. */
  restartRedisAt?: number;
  restartRedis?: () => Promise<void>;
  latencyMs?: number;
  queuedMs?: number;
  processingMs?: number;
  timeoutMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ScenarioResult {
  jobs: number;
  workers: number;
  seconds: number;
  jobsPerSecond: number;
  apiRequests: number;
  requestsPerSecond: number;
  /** Most API requests the provider saw in any sliding window of the budget's length. */
  maxInWindow: number;
  /** Most grants Redis made in any sliding window of the budget's length (on the Redis clock). */
  maxGrantsInWindow: number;
  grants: number;
  budget: BudgetConfig;
  counts: StateCounts;
  providerTasks: number;
  /** Jobs with more than one task at the provider. */
  duplicateTasks: number;
  /** Provider tasks whose id is not recorded for their job, and whose job is not reported in doubt. */
  lostTaskIds: number;
  inDoubt: number;
  /** In-doubt jobs listed among the status's problems (must equal inDoubt). */
  inDoubtReported: number;
  /** In-doubt jobs found in 'submitting' after their worker died (the others lost the submit's answer). */
  inDoubtFromCrash: number;
  /** In-doubt jobs whose task does exist at the provider (the answer was lost). */
  inDoubtWithTask: number;
  killedWorkerPid?: number;
  connectionDrops: number;
  redisRestarts: number;
}

export async function runScenario(o: ScenarioOptions): Promise<ScenarioResult> {
  const log = o.log ?? (() => {});
  const provider = await startProvider(
    {
      seed: o.seed ?? 7,
      queuedMs: o.queuedMs ?? 300,
      processingMs: o.processingMs ?? 900,
      ...(o.resetAfterAccept ? { faults: { submit: { resetAfterAccept: o.resetAfterAccept } } } : {}),
    },
    { latencyMs: o.latencyMs ?? 0 },
  );
  const out = mkdtempSync(join(tmpdir(), 'vidu-queue-scenario-'));
  const admin = new Redis(o.redis, { maxRetriesPerRequest: null });
  admin.on('error', () => {}); // a restart refuses connections for a moment; ioredis retries
  let workers: WorkerProcess[] = [];
  try {
    const jobs = makeJobs(o.jobs, o.queue);
    const { ids } = await enqueueBatch({ redis: o.redis, queue: o.queue, batch: 'jobs', jobs, budget: { ...o.budget, audit: true } });
    workers = Array.from({ length: o.workers }, () =>
      spawnWorker({ redis: o.redis, queue: o.queue, baseUrl: provider.url, outDir: out, concurrency: o.concurrency ?? 8, requestTimeoutMs: 5000 }),
    );
    await Promise.all(workers.map((w) => w.ready));
    const t0 = Date.now();
    let killed: number | undefined;
    let armed = false;
    const drops = [...(o.dropConnectionsAt ?? [])].sort((a, b) => a - b);
    let connectionDrops = 0;
    let redisRestarts = 0;
    const settledShare = async () => {
      const s = await queueStatus({ redis: o.redis, queue: o.queue });
      return {
        s,
        share: (s.total - s.counts.queued - s.counts.submitting - s.counts.submitted) / s.total,
        submittedShare: (s.total - s.counts.queued - s.counts.submitting) / s.total,
      };
    };
    await until(
      async () => {
        const { s, share, submittedShare } = await settledShare();
        if (o.killAt !== undefined && !armed && submittedShare >= o.killAt) {
          armed = true;
          const victim = workers[0]!;
          // Killed right after it records "submitting", with its request on the way: the worst moment.
          victim.onEvent((e) => {
            if (e.type !== 'submitting' || killed !== undefined) return;
            killed = victim.child.pid;
            victim.child.kill('SIGKILL');
            log(`SIGKILL worker pid ${killed} as it submits line ${e.line} (${(submittedShare * 100).toFixed(0)}% submitted, ${s.counts.submitted} waiting)`);
          });
        }
        while (drops.length && share >= drops[0]!) {
          drops.shift();
          const n = await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
          connectionDrops++;
          log(`CLIENT KILL TYPE normal: ${String(n)} connections dropped at ${(share * 100).toFixed(0)}% settled`);
        }
        if (o.restartRedis && o.restartRedisAt !== undefined && redisRestarts === 0 && share >= o.restartRedisAt) {
          redisRestarts++;
          log(`restarting redis-server at ${(share * 100).toFixed(0)}% settled`);
          await o.restartRedis();
        }
        return s.settled;
      },
      o.timeoutMs ?? 600_000,
      'every job to settle',
      250,
    );
    const seconds = (Date.now() - t0) / 1000;
    const status = await queueStatus({ redis: o.redis, queue: o.queue });
    const recorded = await recordedTaskIds({ redis: o.redis, queue: o.queue });
    const idOfPrompt = new Map(jobs.map((j, i) => [(j.body as { prompt: string }).prompt, ids[i]!]));
    const tasksByJob = new Map<string, string[]>();
    const providerTasks = await provider.tasks();
    for (const t of providerTasks) {
      const id = idOfPrompt.get(t.body.prompt ?? '');
      if (!id) throw new Error(`a provider task matches no job: ${t.taskId}`);
      tasksByJob.set(id, [...(tasksByJob.get(id) ?? []), t.taskId]);
    }
    const states = new Map<string, string>();
    for (const p of status.problems) states.set(p.id, p.state);
    let duplicateTasks = 0;
    let lostTaskIds = 0;
    let inDoubtWithTask = 0;
    for (const [id, taskIds] of tasksByJob) {
      if (taskIds.length > 1) duplicateTasks++;
      const known = new Set(recorded.get(id) ?? []);
      const unknownTasks = taskIds.filter((t) => !known.has(t));
      if (states.get(id) === 'unknown') inDoubtWithTask++;
      else lostTaskIds += unknownTasks.length;
    }
    const arrivals = await provider.arrivals();
    const grantTimes = await new Budget(admin, keysFor({ queue: o.queue })).grants();
    const apiTimes = arrivals.map((a) => a.t);
    if (process.env.VIDU_SCENARIO_DUMP) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.VIDU_SCENARIO_DUMP, JSON.stringify({ t0, arrivals }));
    }
    return {
      jobs: o.jobs,
      workers: o.workers,
      seconds,
      jobsPerSecond: o.jobs / seconds,
      apiRequests: apiTimes.length,
      requestsPerSecond: apiTimes.length / seconds,
      maxInWindow: maxInWindow(apiTimes, o.budget.windowMs),
      maxGrantsInWindow: maxInWindow(grantTimes, o.budget.windowMs),
      grants: grantTimes.length,
      budget: o.budget,
      counts: status.counts,
      providerTasks: providerTasks.length,
      duplicateTasks,
      lostTaskIds,
      inDoubt: status.counts.unknown,
      inDoubtReported: status.problems.filter((p) => p.state === 'unknown').length,
      inDoubtWithTask,
      inDoubtFromCrash: status.problems.filter((p) => p.state === 'unknown' && (p.message ?? '').startsWith('a worker stopped')).length,
      ...(killed !== undefined ? { killedWorkerPid: killed } : {}),
      connectionDrops,
      redisRestarts,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    admin.disconnect();
    await provider.close();
    rmSync(out, { recursive: true, force: true });
  }
}
