/**
 * The enqueue side and the status reader. Enqueueing the same jobs twice adds nothing (the job
 * id is derived from the batch name and the line's content, and BullMQ keeps finished jobs so
 * their ids stay taken). Jobs that ended badly are put back only by an explicit policy flag,
 * the same flags the file journal of `vidu batch` has.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Budget, type BudgetConfig } from './budget.js';
import { redisConnection } from './connection.js';
import { jobIdFor, keysFor, type Keys, type QueueName } from './keys.js';
import { JobStore, type JobRecord, type JobStateName } from './state.js';
import type { QueueJobData } from './types.js';

export interface EnqueueJob {
  /** 1-based line in the jobs file. */
  line: number;
  /** The line as written (its content makes the job id). */
  text: string;
  model: string;
  operationId: string;
  body: Record<string, unknown>;
  out?: string;
}

export interface ResubmitPolicy {
  /** Submit again the jobs whose task failed. */
  retryFailed?: boolean;
  /** Submit again the jobs in doubt (the earlier submit may have created a task: may bill twice). */
  resubmitUnknown?: boolean;
}

export interface EnqueueOptions extends QueueName, ResubmitPolicy {
  redis: string;
  /** The batch name (the jobs file's name); part of every job id. */
  batch: string;
  jobs: readonly EnqueueJob[];
  /** Stores this budget for every worker of the queue. */
  budget?: BudgetConfig;
}

export interface EnqueueResult {
  ids: string[];
  added: number;
  /** Already in the queue: nothing added. */
  existing: number;
  /** Put back by a policy flag or because their BullMQ job had ended while work remained. */
  requeued: { id: string; line: number; from: JobStateName }[];
}

// Back to 'queued' for a fresh submit; the old task id is kept in previousTaskIds.
const REQUEUE = `
local s = redis.call('HGET', KEYS[1], 'state')
if s ~= ARGV[1] then return s end
local old = redis.call('HGET', KEYS[1], 'taskId')
if old then
  local prev = redis.call('HGET', KEYS[1], 'previousTaskIds')
  redis.call('HSET', KEYS[1], 'previousTaskIds', prev and (prev .. ',' .. old) or old)
end
redis.call('HDEL', KEYS[1], 'taskId', 'reason', 'message', 'status', 'submittedAt', 'owner', 'pollErrors')
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[3])
return 'ok'
`;

/**
 * Adds the jobs of a batch (one per line of a jobs file) to the queue, once: a line already enqueued is not added again, and jobs that failed or are in doubt are requeued only when the resubmit policy says so.
 *
 * @example
 * ```ts
 * import { enqueueBatch } from '@vidukit/queue';
 *
 * const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
 * const text = '{"model":"q1-reference","prompt":"a cat","images":["https://example.com/cat.png"]}';
 * const { added, existing } = await enqueueBatch({
 *   redis,
 *   batch: 'jobs.jsonl',
 *   jobs: [{ line: 1, text, model: 'q1-reference', operationId: 'submitQ1Reference', body: JSON.parse(text) }], // the job id comes from the line
 * });
 * console.log(`${added} added, ${existing} already queued`);
 * ```
 */
export async function enqueueBatch(options: EnqueueOptions): Promise<EnqueueResult> {
  const keys = keysFor(options);
  const redis = new Redis(options.redis, { maxRetriesPerRequest: 3, connectionName: 'vidu-enqueue' });
  const queue = new Queue<QueueJobData>(keys.queue, { connection: redisConnection(options.redis), prefix: keys.prefix });
  try {
    const store = new JobStore(redis, keys);
    if (options.budget) await new Budget(redis, keys).configure(options.budget);
    const base = (await redis.zcard(keys.jobs)) + 1;
    const seen = new Map<string, number>();
    const result: EnqueueResult = { ids: [], added: 0, existing: 0, requeued: [] };
    const toAdd: { name: string; data: QueueJobData; opts: { jobId: string } }[] = [];
    for (const [i, job] of options.jobs.entries()) {
      const text = job.text.trim();
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      const id = jobIdFor(options.batch, text, n);
      result.ids.push(id);
      const data: QueueJobData = { batch: options.batch, line: job.line, model: job.model, operationId: job.operationId, body: job.body, ...(job.out ? { out: job.out } : {}) };
      if (await store.create(id, { batch: options.batch, line: job.line, model: job.model, ...(job.out ? { out: job.out } : {}) }, base + i)) {
        toAdd.push({ name: job.model, data, opts: { jobId: id } });
        result.added++;
        continue;
      }
      result.existing++;
      const from = await requeueIfNeeded(queue, redis, keys, store, id, data, options);
      if (from) result.requeued.push({ id, line: job.line, from });
    }
    for (let i = 0; i < toAdd.length; i += 500) await queue.addBulk(toAdd.slice(i, i + 500).map((j) => ({ ...j, opts: { ...j.opts, ...JOB_OPTS } })));
    return result;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

// Finished jobs stay (their ids must stay taken); steps that throw an unexpected error (a
// Redis command cut by a dropped connection) are tried again.
const JOB_OPTS = { removeOnComplete: false, removeOnFail: false, attempts: 20, backoff: { type: 'exponential', delay: 500 } } as const;

async function requeueIfNeeded(
  queue: Queue<QueueJobData>,
  redis: Redis,
  keys: Keys,
  store: JobStore,
  id: string,
  data: QueueJobData,
  policy: ResubmitPolicy,
): Promise<JobStateName | undefined> {
  const rec = await store.get(id);
  if (!rec) return undefined;
  const move = async (from: JobStateName, to: JobStateName) => (await redis.eval(REQUEUE, 1, keys.job(id), from, to, String(Date.now()))) === 'ok';
  let moved: JobStateName | undefined;
  if (rec.state === 'rejected' && (await move('rejected', 'queued'))) moved = 'rejected';
  else if (rec.state === 'failed' && policy.retryFailed && (await move('failed', 'queued'))) moved = 'failed';
  else if (rec.state === 'unknown' && policy.resubmitUnknown && (await move('unknown', 'queued'))) moved = 'unknown';
  else if (rec.state === 'error' && rec.taskId && (await store.transition(id, 'error', 'submitted')) === 'ok') moved = 'error';
  const pending = moved !== undefined || rec.state === 'queued' || rec.state === 'submitted';
  if (!pending) return undefined;
  // Make sure a BullMQ job is there to carry the work.
  const job = await queue.getJob(id);
  if (!job) {
    await queue.add(data.model, data, { jobId: id, ...JOB_OPTS });
    return moved ?? rec.state;
  }
  const state = await job.getState();
  if (state === 'failed' || state === 'completed') {
    await job.retry(state);
    return moved ?? rec.state;
  }
  return moved;
}

export interface StatusOptions extends QueueName {
  redis: string;
  /** Only this batch (the jobs file's name). */
  batch?: string;
}

export type StateCounts = Record<JobStateName, number>;

export interface QueueStatus {
  total: number;
  counts: StateCounts;
  /** Jobs that need a person: failed, rejected, in doubt (unknown), error. */
  problems: JobRecord[];
  /** True when no job is queued, submitting or submitted. */
  settled: boolean;
  /** Milliseconds left of a pause after a 429 (0 when none). */
  pausedMs: number;
  budget: BudgetConfig;
  /** BullMQ's own counts (waiting, active, delayed, completed, failed, ...). */
  engine: Record<string, number>;
}

/**
 * A count of 0 for every job state, to add batches up.
 *
 * @example
 * ```ts
 * import { emptyCounts, queueStatus } from '@vidukit/queue';
 *
 * const totals = emptyCounts(); // every job state at 0
 * for (const batch of ['monday.jsonl', 'tuesday.jsonl']) {
 *   const { counts } = await queueStatus({ redis: 'redis://127.0.0.1:6379', batch });
 *   for (const [state, n] of Object.entries(counts)) totals[state as keyof typeof totals] += n;
 * }
 * console.log(totals);
 * ```
 */
export const emptyCounts = (): StateCounts => ({ queued: 0, submitting: 0, submitted: 0, succeeded: 0, failed: 0, rejected: 0, unknown: 0, error: 0 });

/**
 * The state of a queue, or of one batch in it: counts per job state, the jobs that need a person, the shared pause and budget.
 *
 * @example
 * ```ts
 * import { queueStatus } from '@vidukit/queue';
 *
 * const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
 * const status = await queueStatus({ redis, batch: 'jobs.jsonl' });
 * console.log(status.counts, status.settled ? 'done' : 'running');
 * for (const job of status.problems) console.log(job.id, job.state);
 * ```
 */
export async function queueStatus(options: StatusOptions): Promise<QueueStatus> {
  const keys = keysFor(options);
  const redis = new Redis(options.redis, { maxRetriesPerRequest: 3, connectionName: 'vidu-status' });
  const queue = new Queue(keys.queue, { connection: redisConnection(options.redis), prefix: keys.prefix });
  try {
    const store = new JobStore(redis, keys);
    const counts = emptyCounts();
    const problems: JobRecord[] = [];
    let total = 0;
    for await (const rec of store.all()) {
      if (options.batch !== undefined && rec.batch !== options.batch) continue;
      total++;
      counts[rec.state]++;
      if (rec.state === 'failed' || rec.state === 'rejected' || rec.state === 'unknown' || rec.state === 'error') problems.push(rec);
    }
    const budget = new Budget(redis, keys);
    return {
      total,
      counts,
      problems,
      settled: counts.queued + counts.submitting + counts.submitted === 0,
      pausedMs: await budget.pausedFor(),
      budget: await budget.current(),
      engine: await queue.getJobCounts(),
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/**
 * Every task id recorded for the queue's jobs (the current one and earlier ones), for audits.
 *
 * @example
 * ```ts
 * import { recordedTaskIds } from '@vidukit/queue';
 *
 * const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
 * for (const [job, taskIds] of await recordedTaskIds({ redis })) {
 *   if (taskIds.length > 1) console.log(`${job} was submitted ${taskIds.length} times: ${taskIds.join(', ')}`);
 * }
 * ```
 */
export async function recordedTaskIds(options: StatusOptions): Promise<Map<string, string[]>> {
  const keys = keysFor(options);
  const redis = new Redis(options.redis, { maxRetriesPerRequest: 3 });
  try {
    const out = new Map<string, string[]>();
    for await (const rec of new JobStore(redis, keys).all()) {
      const prev = await redis.hget(keys.job(rec.id), 'previousTaskIds');
      const ids = [...(prev ? prev.split(',') : []), ...(rec.taskId ? [rec.taskId] : [])];
      out.set(rec.id, ids);
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/**
 * Stores the request budget every worker of the queue uses (submits and polls together).
 *
 * @example
 * ```ts
 * import { parseBudget, setQueueBudget } from '@vidukit/queue';
 *
 * const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
 * await setQueueBudget({ redis, budget: parseBudget('50/60s') }); // every worker follows it from now on
 * ```
 */
export async function setQueueBudget(options: QueueName & { redis: string; budget: BudgetConfig }): Promise<void> {
  const redis = new Redis(options.redis, { maxRetriesPerRequest: 3, connectionName: 'vidu-budget' });
  try {
    await new Budget(redis, keysFor(options)).configure(options.budget);
  } finally {
    redis.disconnect();
  }
}
