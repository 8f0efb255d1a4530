/**
 * `startWorker`: takes jobs from the queue and moves each one step at a time. A job's run is
 * short: one submit, or one poll (then the job goes back to BullMQ as a delayed job until its
 * next poll), or one poll plus the download. So waiting for a task holds no worker slot, and a
 * worker that dies loses nothing but the step it was in (BullMQ hands the job to another).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { normalizeTaskResult, type SubmitOperationId, type SubmitRequestBody, type ViduClient } from '@vidukit/client';
import { adaptiveSchedule, downloadVideo, type PollSchedule, type TaskReader } from '@vidukit/polling/node';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Budget, type BudgetConfig } from './budget.js';
import { redisConnection } from './connection.js';
import { backoffMs, classifyPollFailure, classifySubmitFailure, isRateLimited, pauseAfter } from './decision.js';
import { keysFor, type QueueName } from './keys.js';
import { JobStore, type JobRecord } from './state.js';
import { printable } from '@vidukit/client';
import type { QueueJobData } from './types.js';

export interface WorkerOptions extends QueueName {
  /** `redis://[user:password@]host:port[/db]`. */
  redis: string;
  /** The client to call the provider with (its retries are turned off per call: the queue retries). */
  client: ViduClient;
  /** Where videos are saved. */
  outDir: string;
  /** Steps run at once by this worker (default 8). Waiting tasks take none. */
  concurrency?: number;
  /** The budget used when none is stored in Redis (see `Budget.configure`). */
  budget?: BudgetConfig;
  /** When to poll (default `adaptiveSchedule()`). */
  schedule?: PollSchedule;
  /** Give up waiting for a task after this long from its submit (default 30 min); the job ends `error` with its task id. */
  timeoutMs?: number;
  /** Pause of every worker after a 429 without Retry-After (default 2000 ms). */
  pauseOn429Ms?: number;
  /** Consecutive failed polls of one task before it ends `error` (default 8). */
  maxConsecutiveErrors?: number;
  /** BullMQ lock of a running step (default 30000 ms); a dead worker's step is retaken after it. */
  lockDurationMs?: number;
  /** How often BullMQ looks for steps of dead workers (default 15000 ms). */
  stalledIntervalMs?: number;
  /** Receives one event per step outcome, for logs. */
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  /** "submitting" is recorded; the request goes out next. */
  | { type: 'submitting'; jobId: string; line?: number }
  | { type: 'submitted'; jobId: string; line?: number; taskId: string }
  | { type: 'in-doubt'; jobId: string; line?: number; message: string }
  | { type: 'rejected'; jobId: string; line?: number; message: string }
  | { type: 'retry-later'; jobId: string; line?: number; delayMs: number; message: string }
  | { type: 'polled'; jobId: string; taskId: string; status: string }
  | { type: 'succeeded'; jobId: string; line?: number; taskId: string; file: string }
  | { type: 'failed'; jobId: string; line?: number; taskId: string; reason: string }
  | { type: 'error'; jobId: string; line?: number; taskId?: string; message: string }
  | { type: 'paused'; ms: number }
  /** Redis is unreachable; commands wait and are retried (reported at most every 5 s). */
  | { type: 'redis'; message: string };

export interface QueueWorker {
  /** Stops taking jobs and waits for the running steps (`force`: abandons them; BullMQ retakes them). */
  close(force?: boolean): Promise<void>;
  readonly id: string;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/**
 * Starts a worker that takes jobs from the queue: submits each (at most one billed task per job), waits for it without holding a slot, and downloads the video into `outDir`.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { startWorker } from '@vidukit/queue';
 *
 * const worker = await startWorker({
 *   redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
 *   client: createViduClient({ apiKey: process.env.VIDU_API_KEY }),
 *   outDir: 'videos',
 *   concurrency: 4,
 * });
 * process.once('SIGTERM', () => void worker.close());
 * ```
 */
export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const keys = keysFor(options);
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const redis = new Redis(options.redis, { maxRetriesPerRequest: null, connectionName: 'vidu-worker' });
  const store = new JobStore(redis, keys);
  const budget = new Budget(redis, keys, options.budget);
  const schedule = options.schedule ?? adaptiveSchedule();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxErrors = options.maxConsecutiveErrors ?? 8;
  const workerId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const emit = (e: WorkerEvent) => {
    try {
      options.onEvent?.(e);
    } catch {
      /* a failing logger never stops a job */
    }
  };
  let lastRedisReport = 0;
  const redisTrouble = (error: unknown) => {
    if (Date.now() - lastRedisReport < 5000) return;
    lastRedisReport = Date.now();
    emit({ type: 'redis', message: printable(String((error as Error)?.message ?? error), 200) });
  };
  redis.on('error', redisTrouble);
  const pauseAfter429 = async (error: unknown) => {
    const ms = pauseAfter(error, options.pauseOn429Ms ?? 2000);
    await budget.pause(ms);
    emit({ type: 'paused', ms });
  };
  // Every provider request of this worker goes through the budget, the download's URL refresh included.
  const reader: TaskReader = {
    getTaskResult: async (taskId, opts) => {
      await budget.freshGrant(undefined, opts?.signal);
      return options.client.getTaskResult(taskId, { ...opts, maxRetries: 0 });
    },
  };

  const later = async (job: Job, token: string | undefined, ms: number): Promise<never> => {
    await job.moveToDelayed(Date.now() + Math.max(1, Math.round(ms)), token);
    throw new DelayedError();
  };
  const finished = (message: string) => new UnrecoverableError(message);
  const revive = async (job: Job): Promise<void> => {
    for (let i = 0; i < 60; i++) {
      const state = await job.getState();
      if (state === 'failed' || state === 'completed') return job.retry(state);
      if (state !== 'active') return; // already waiting or delayed: a worker has it
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  async function submitStep(job: Job<QueueJobData>, token: string | undefined, rec: JobRecord | undefined): Promise<unknown> {
    const id = job.id!;
    const line = job.data.line;
    if (rec?.state === 'submitting') {
      // Another run marked it and never recorded a task id: it died (or lost Redis) mid-submit.
      const message = 'a worker stopped after starting this submit and before recording its task id; the task may exist (check the provider before resubmitting with --resubmit-unknown)';
      const found = await store.leaveSubmitting(id, '*', 'unknown', message);
      if (found === 'submitting') {
        emit({ type: 'in-doubt', jobId: id, line, message });
        throw finished(message);
      }
      return step(job, token); // a task id arrived meanwhile, or another run moved it on
    }
    const grant = await budget.acquire();
    const owner = `${workerId}:${token ?? ''}`;
    const begun = await store.beginSubmit(id, owner);
    if (begun !== 'ok') return step(job, token);
    emit({ type: 'submitting', jobId: id, line });
    let taskId: string;
    try {
      await budget.freshGrant(grant);
      const r = await options.client.submit(job.data.operationId as SubmitOperationId, job.data.body as SubmitRequestBody<'submitQ2ProFast'>, { maxRetries: 0 });
      taskId = r.task_id;
    } catch (error) {
      const message = printable((error as Error).message);
      const kind = classifySubmitFailure(error);
      if (kind === 'not-created-retry') {
        if (isRateLimited(error)) await pauseAfter429(error);
        await store.leaveSubmitting(id, owner, 'queued', message);
        const delayMs = backoffMs((rec?.submits ?? 0) + 1, 60_000);
        emit({ type: 'retry-later', jobId: id, line, delayMs, message });
        return later(job, token, delayMs);
      }
      await store.leaveSubmitting(id, owner, kind === 'rejected' ? 'rejected' : 'unknown', message);
      emit(kind === 'rejected' ? { type: 'rejected', jobId: id, line, message } : { type: 'in-doubt', jobId: id, line, message });
      throw finished(message);
    }
    const before = await store.recordTask(id, taskId);
    emit({ type: 'submitted', jobId: id, line, taskId });
    if (before === 'unknown') {
      // This run stalled past its lock (a frozen process, a partition) and another run put the
      // job in doubt and ended it. The task id won; hand the ended job back to BullMQ so that
      // its polls go on (this run's lock is gone, so it cannot schedule them itself).
      await revive(job);
      return { state: 'submitted', taskId, revived: true };
    }
    const first = schedule.start(Date.now(), Math.random).next({ status: 'TASK_STATUS_QUEUED' }, Date.now());
    return later(job, token, first);
  }

  async function pollStep(job: Job<QueueJobData>, token: string | undefined, rec: JobRecord): Promise<unknown> {
    const id = job.id!;
    const line = job.data.line;
    const taskId = rec.taskId!;
    const submittedAt = rec.submittedAt ?? Date.now();
    const fail = async (text: string): Promise<never> => {
      const message = printable(text);
      await store.transition(id, 'submitted', 'error', { message });
      emit({ type: 'error', jobId: id, line, taskId, message });
      throw finished(`task ${taskId}: ${message}`);
    };
    if (Date.now() - submittedAt > timeoutMs) return fail(`gave up waiting after ${Math.round(timeoutMs / 1000)} s (the task keeps running; rerun the batch to wait again)`);
    let raw: Awaited<ReturnType<TaskReader['getTaskResult']>>;
    try {
      raw = await reader.getTaskResult(taskId);
    } catch (error) {
      const kind = classifyPollFailure(error);
      // A task just created may not be readable yet; after 15 s a 404 means it is gone.
      if (kind === 'fatal' || (kind === 'not-found' && Date.now() - submittedAt > 15_000)) return fail((error as Error).message);
      if (kind === 'rate-limited') await pauseAfter429(error);
      const errors = await redis.hincrby(keys.job(id), 'pollErrors', 1);
      if (kind !== 'rate-limited' && errors > maxErrors) return fail(`${errors} polls in a row failed: ${(error as Error).message}`);
      return later(job, token, backoffMs(errors));
    }
    const result = normalizeTaskResult(raw);
    await store.setFields(id, { status: result.status, pollErrors: 0 });
    emit({ type: 'polled', jobId: id, taskId, status: result.status });
    if (!result.isTerminal) {
      const planner = schedule.start(submittedAt, Math.random);
      const obs = { status: result.status, ...(result.etaSeconds !== undefined ? { etaSeconds: result.etaSeconds } : {}), ...(result.progressPercent !== undefined ? { progressPercent: result.progressPercent } : {}) };
      return later(job, token, planner.next(obs, Date.now()));
    }
    if (result.status !== 'TASK_STATUS_SUCCEED') {
      const reason = printable(result.reason ?? 'failed');
      await store.transition(id, 'submitted', 'failed', { reason });
      emit({ type: 'failed', jobId: id, line, taskId, reason });
      throw finished(`task ${taskId} failed: ${reason}`);
    }
    const file = join(outDir, fileNameFor(job.data.out, id));
    try {
      const saved = await downloadVideo(result, file, { client: reader });
      await store.transition(id, 'submitted', 'succeeded', { file, bytes: saved.bytes });
    } catch (error) {
      const errors = await redis.hincrby(keys.job(id), 'pollErrors', 1);
      if (errors > maxErrors) return fail(`download failed: ${(error as Error).message}`);
      return later(job, token, backoffMs(errors));
    }
    emit({ type: 'succeeded', jobId: id, line, taskId, file });
    return { state: 'succeeded', taskId, file };
  }

  async function step(job: Job<QueueJobData>, token: string | undefined): Promise<unknown> {
    const rec = await store.get(job.id!);
    switch (rec?.state) {
      case undefined:
      case 'queued':
      case 'submitting':
        return submitStep(job, token, rec);
      case 'submitted':
        return pollStep(job, token, rec);
      case 'succeeded':
        return { state: 'succeeded', taskId: rec.taskId, file: rec.file };
      default:
        // Ended earlier (failed, rejected, in doubt, error): `vidu batch` with a policy flag re-queues it.
        throw finished(`${rec!.state}${rec!.taskId ? ` (task ${rec!.taskId})` : ''}: ${rec!.reason ?? rec!.message ?? ''}`);
    }
  }

  const worker = new Worker<QueueJobData>(keys.queue, (job, token) => step(job, token), {
    connection: redisConnection(options.redis),
    prefix: keys.prefix,
    concurrency: options.concurrency ?? 8,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    // A step can be cut short by a dead worker many times over a long wait; each retake is safe.
    maxStalledCount: 1000,
    autorun: true,
  });
  // Connection drops are retried by ioredis, and the steps they interrupt are retaken.
  worker.on('error', redisTrouble);
  await worker.waitUntilReady();
  return {
    id: workerId,
    async close(force = false) {
      await worker.close(force);
      redis.disconnect();
    },
  };
}

/**
 * The job's `out` name, reduced to a plain file name inside the output directory.
 *
 * @example
 * ```ts
 * import { fileNameFor } from '@vidukit/queue';
 *
 * fileNameFor('../../etc/cat.mp4', 'job-1'); // 'cat.mp4': never outside the output directory
 * fileNameFor(undefined, 'job-1'); // a name from the job id
 * ```
 */
export function fileNameFor(out: string | undefined, jobId: string): string {
  const name = out ? printable(basename(out.replace(/\\/g, '/')), 200).trim() : '';
  return name && name !== '.' && name !== '..' ? name : `${jobId}.mp4`;
}


