/**
 * Each job's state, in a Redis hash beside the BullMQ job. BullMQ runs a job at least once (a
 * worker that dies mid-job has it run again), so the one step that must not repeat, the billed
 * submit, is fenced here: `submitting` is written (with the writer's token) before the request
 * is sent and the task id right after. A run that finds `submitting` written by another run
 * does not submit: the job is put in doubt (`unknown`) for a person to decide.
 */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

export type JobStateName =
  /** Enqueued, not yet submitted (or a submit that certainly created nothing, to be retried). */
  | 'queued'
  /** A submit was started; if its run died, the task may exist. */
  | 'submitting'
  /** The task id is known; polls follow. */
  | 'submitted'
  | 'succeeded'
  /** The task ended TASK_STATUS_FAILED. */
  | 'failed'
  /** The provider refused the submit: no task was created. */
  | 'rejected'
  /** In doubt: the submit may have created a task whose id was never recorded. */
  | 'unknown'
  /** Waiting or downloading failed for good (not the task): the task id is kept. */
  | 'error';

export const FINAL_STATES: readonly JobStateName[] = ['succeeded', 'failed', 'rejected', 'unknown', 'error'];

export interface JobRecord {
  id: string;
  state: JobStateName;
  batch?: string;
  line?: number;
  model?: string;
  out?: string;
  taskId?: string;
  /** The provider's last status of the task. */
  status?: string;
  file?: string;
  bytes?: number;
  reason?: string;
  message?: string;
  submittedAt?: number;
  updatedAt?: number;
  /** How many times a submit of this job was started. */
  submits?: number;
}

// KEYS[1] job hash; ARGV: owner token, now. 'ok' when this run may send the submit.
const BEGIN_SUBMIT = `
local s = redis.call('HGET', KEYS[1], 'state')
if s == false or s == 'queued' then
  redis.call('HSET', KEYS[1], 'state', 'submitting', 'owner', ARGV[1], 'updatedAt', ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'submits', 1)
  return 'ok'
end
if s == 'submitting' and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then return 'ok' end
return s
`;

// A task id always wins: it is recorded whatever the state says (an in-doubt mark made while
// the slow submit was still under way is resolved by it).
const RECORD_TASK = `
local s = redis.call('HGET', KEYS[1], 'state')
redis.call('HSET', KEYS[1], 'taskId', ARGV[1], 'submittedAt', ARGV[2], 'updatedAt', ARGV[2])
if s ~= 'succeeded' and s ~= 'failed' and s ~= 'error' then redis.call('HSET', KEYS[1], 'state', 'submitted') end
redis.call('HDEL', KEYS[1], 'message')
return s
`;

// Moves the job from 'submitting' (by ARGV[1]; '*' for any owner) to ARGV[2], unless a task id
// arrived meanwhile. Returns the state found.
const LEAVE_SUBMITTING = `
local s = redis.call('HGET', KEYS[1], 'state')
if s ~= 'submitting' then return s end
if ARGV[1] ~= '*' and redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 'other-owner' end
if redis.call('HEXISTS', KEYS[1], 'taskId') == 1 then return 'has-task' end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[3], 'message', ARGV[4])
return 'submitting'
`;

// KEYS: job hash, jobs set; ARGV: id, order, now, field/value pairs.
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', 'queued', 'updatedAt', ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
return 1
`;

// ARGV: expected state ('' = any), new state, now, then field/value pairs.
const TRANSITION = `
local s = redis.call('HGET', KEYS[1], 'state')
if ARGV[1] ~= '' and s ~= ARGV[1] then return s end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 'ok'
`;

/**
 * The job records of a queue in Redis: each job's state, task id and history, changed only through atomic scripts so that no two workers can submit the same job.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { JobStore, keysFor } from '@vidukit/queue';
 *
 * const store = new JobStore(new Redis('redis://127.0.0.1:6379'), keysFor({ queue: 'vidu' }));
 * const job = await store.get('jobs.jsonl-3f2a-1');
 * console.log(job?.state); // queued, submitting, submitted, succeeded, failed, ...
 * ```
 */
export class JobStore {
  constructor(
    readonly redis: Redis,
    readonly keys: Keys,
  ) {}

  /** Creates the job's record unless it exists (one script: never half-written); true when created. */
  async create(id: string, fields: { batch: string; line: number; model: string; out?: string }, order: number): Promise<boolean> {
    const pairs = ['batch', fields.batch, 'line', String(fields.line), 'model', fields.model, ...(fields.out ? ['out', fields.out] : [])];
    const created = await this.redis.eval(CREATE, 2, this.keys.job(id), this.keys.jobs, id, String(order), String(Date.now()), ...pairs);
    return created === 1;
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return parseRecord(id, await this.redis.hgetall(this.keys.job(id)));
  }

  async beginSubmit(id: string, owner: string): Promise<'ok' | JobStateName> {
    return (await this.redis.eval(BEGIN_SUBMIT, 1, this.keys.job(id), owner, String(Date.now()))) as 'ok' | JobStateName;
  }

  /** Records the task id; returns the state it found (`unknown`: another run had put the job in doubt meanwhile). */
  async recordTask(id: string, taskId: string): Promise<string> {
    return (await this.redis.eval(RECORD_TASK, 1, this.keys.job(id), taskId, String(Date.now()))) as string;
  }

  /**
   * Leaves `submitting` for `to` (queued: nothing was created; unknown: it may have been;
   * rejected). `owner` '*' takes over a mark left by a run that died. Returns what was found:
   * 'submitting' when the move happened.
   */
  async leaveSubmitting(id: string, owner: string, to: 'queued' | 'unknown' | 'rejected', message = ''): Promise<string> {
    return (await this.redis.eval(LEAVE_SUBMITTING, 1, this.keys.job(id), owner, to, String(Date.now()), message)) as string;
  }

  /** Sets the state (when it is `expected`, or always with ''), plus fields. 'ok' or the state found. */
  async transition(id: string, expected: JobStateName | '', to: JobStateName, fields: Record<string, string | number> = {}): Promise<string> {
    const args = Object.entries(fields).flatMap(([k, v]) => [k, String(v)]);
    return (await this.redis.eval(TRANSITION, 1, this.keys.job(id), expected, to, String(Date.now()), ...args)) as string;
  }

  async setFields(id: string, fields: Record<string, string | number>): Promise<void> {
    await this.redis.hset(this.keys.job(id), Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])));
  }

  /** Every job record, in enqueue order, read in pipelined chunks. */
  async *all(chunk = 500): AsyncGenerator<JobRecord> {
    for (let start = 0; ; start += chunk) {
      const ids = await this.redis.zrange(this.keys.jobs, String(start), String(start + chunk - 1));
      if (ids.length === 0) return;
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hgetall(this.keys.job(id));
      const results = (await pipe.exec()) ?? [];
      for (let i = 0; i < ids.length; i++) {
        const [err, value] = results[i] ?? [];
        if (err) throw err;
        const record = parseRecord(ids[i]!, value as Record<string, string>);
        if (record) yield record;
      }
      if (ids.length < chunk) return;
    }
  }
}

const STATES = new Set<string>(['queued', 'submitting', 'submitted', 'succeeded', 'failed', 'rejected', 'unknown', 'error']);

function parseRecord(id: string, h: Record<string, string> | null | undefined): JobRecord | undefined {
  if (!h?.state) return undefined;
  const num = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const r: JobRecord = { id, state: (STATES.has(h.state) ? h.state : 'unknown') as JobStateName };
  const strings = ['batch', 'model', 'out', 'taskId', 'status', 'file', 'reason', 'message'] as const;
  for (const k of strings) if (h[k]) r[k] = h[k];
  const numbers = ['line', 'bytes', 'submittedAt', 'updatedAt', 'submits'] as const;
  for (const k of numbers) {
    const n = num(h[k]);
    if (n !== undefined) r[k] = n;
  }
  return r;
}
