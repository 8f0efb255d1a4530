/**
 * Names: the BullMQ queue, the Redis keys beside it, and job ids. Every key of one queue shares
 * the `{prefix}:{queue}:` stem BullMQ uses, so one `SCAN`/`DEL` pattern covers the whole queue.
 */
import { createHash } from 'node:crypto';

export const DEFAULT_QUEUE = 'vidu';
export const DEFAULT_PREFIX = 'bull';

export interface QueueName {
  /** The BullMQ queue name (default `vidu`). */
  queue?: string;
  /** The BullMQ key prefix (default `bull`). */
  prefix?: string;
}

export interface Keys {
  queue: string;
  prefix: string;
  /** Hash per job: state, task id, line, file, reason. */
  job(id: string): string;
  /** Sorted set of every job id ever enqueued (score: enqueue order). */
  jobs: string;
  /** Sorted set of granted requests (score: grant time, ms on the Redis clock). */
  budget: string;
  /** Sorted set of every grant while the budget's `audit` is on. */
  budgetLog: string;
  /** Hash with the budget's `limit` and `windowMs`, shared by every worker. */
  budgetConfig: string;
  /** Exists (with a TTL) while every worker must pause after a 429. */
  pause: string;
}

/**
 * The Redis keys of a queue (BullMQ's and the job records, budget and pause of vidukit).
 *
 * @example
 * ```ts
 * import { keysFor } from '@vidukit/queue';
 *
 * const keys = keysFor({ queue: 'vidu' });
 * console.log(keys.jobs, keys.job('jobs.jsonl-3f2a-1')); // the Redis keys the queue uses
 * ```
 */
export function keysFor(name: QueueName = {}): Keys {
  const queue = name.queue ?? DEFAULT_QUEUE;
  const prefix = name.prefix ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queue)) throw new RangeError(`queue name must match [A-Za-z0-9_.-]{1,64}, got ${JSON.stringify(queue)}`);
  const stem = `${prefix}:${queue}:vidu`;
  return {
    queue,
    prefix,
    job: (id) => `${stem}:job:${id}`,
    jobs: `${stem}:jobs`,
    budget: `${stem}:budget`,
    budgetConfig: `${stem}:budget-config`,
    budgetLog: `${stem}:budget-log`,
    pause: `${stem}:pause`,
  };
}

/**
 * The job id of one line of a jobs file: its batch name (the file's name), the hash of the line's
 * content and the line's occurrence among identical lines. Enqueueing the same file twice
 * yields the same ids, so BullMQ adds nothing the second time; editing, inserting or reordering
 * other lines changes nothing either. BullMQ refuses `:` in custom ids, hence the dashes.
 *
 * @example
 * ```ts
 * import { jobIdFor } from '@vidukit/queue';
 *
 * const line = '{"model":"q1-reference","prompt":"a cat","images":["https://example.com/cat.png"]}';
 * jobIdFor('jobs.jsonl', line); // the same id every time this line is enqueued: no duplicate job
 * jobIdFor('jobs.jsonl', line, 2); // the second identical line of the file
 * ```
 */
export function jobIdFor(batch: string, lineContent: string, occurrence = 1): string {
  const safeBatch = batch.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40) || 'batch';
  const hash = createHash('sha256').update(`${batch}\n${lineContent.trim()}`).digest('hex').slice(0, 20);
  return `${safeBatch}-${hash}-${occurrence}`;
}
