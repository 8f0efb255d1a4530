import { RateLimitError, TaskNotFoundError } from '@vidukit/client';
import type { TaskResult } from '@vidukit/types';
import { describe, expect, it } from 'vitest';
import { WaitAbortedError } from '../src/errors.js';
import { seededRandom } from '../src/random.js';
import { fixedSchedule } from '../src/schedule.js';
import { createPollScheduler } from '../src/scheduler.js';
import { waitForMany } from '../src/wait.js';
import { ManualClock, raw } from './helpers.js';

/** Largest number of request starts in any window [t, t + 60 s). */
function maxPerMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= 60_000) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

const rateLimited = (retryAfterMs?: number) =>
  new RateLimitError({ status: 429, operation: 'getTaskResult', reason: 'RATE_LIMIT_EXCEEDED', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

/** Each task succeeds `durationMs` after it joined. */
function provider(clock: ManualClock, durationMs: number) {
  const joined = new Map<string, number>();
  const starts: number[] = [];
  return {
    starts,
    joined,
    async getTaskResult(taskId: string): Promise<TaskResult> {
      starts.push(clock.now());
      const t0 = joined.get(taskId) ?? 0;
      return clock.now() - t0 >= durationMs ? raw('TASK_STATUS_SUCCEED', { taskId }) : raw('TASK_STATUS_PROCESSING', { taskId });
    },
  };
}

describe('createPollScheduler (tasks that join over time)', () => {
  it('one request budget for 300 tasks added one by one: never above it in any rolling minute', async () => {
    const clock = new ManualClock(0);
    const client = provider(clock, 20_000);
    const polls = createPollScheduler(client, { clock, random: seededRandom(1), requestsPerMinute: 120, concurrency: 8, timeoutMs: 3_600_000 });
    const results: Promise<unknown>[] = [];
    // A submit every 200 ms, as a batch would.
    const submitAll = (async () => {
      for (let i = 0; i < 300; i++) {
        const id = `job-${i}`;
        client.joined.set(id, clock.now());
        results.push(polls.wait(id));
        await new Promise<void>((r) => clock.setTimeout(r, 200));
      }
    })();
    await clock.run(submitAll);
    const settled = await clock.run(Promise.allSettled(results));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(300);
    expect(maxPerMinute(client.starts)).toBeLessThanOrEqual(120);
    expect(polls.pending).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('one 429 pause for the whole batch: a task that joins during the pause waits for its end', async () => {
    const clock = new ManualClock(0);
    const starts: { at: number; id: string }[] = [];
    const client = {
      async getTaskResult(taskId: string): Promise<TaskResult> {
        starts.push({ at: clock.now(), id: taskId });
        if (starts.length === 1) throw rateLimited(30_000);
        return raw('TASK_STATUS_SUCCEED', { taskId });
      },
    };
    const polls = createPollScheduler(client, { clock, random: seededRandom(2), requestsPerMinute: 6000 });
    const a = polls.wait('a');
    await clock.run(new Promise<void>((r) => clock.setTimeout(r, 10_000)));
    const b = polls.wait('b');
    await clock.run(Promise.all([a, b]));
    expect(starts.map((s) => s.id)).toEqual(['a', expect.any(String), expect.any(String)]);
    expect(Math.min(...starts.slice(1).map((s) => s.at))).toBeGreaterThanOrEqual(30_000);
  });

  it('a signal cancels one wait only; close() rejects the rest and later waits, leaving no timer', async () => {
    const clock = new ManualClock(0);
    const client = provider(clock, Infinity);
    const polls = createPollScheduler(client, { clock, random: seededRandom(3), schedule: fixedSchedule(1000) });
    const own = new AbortController();
    const a = polls.wait('a', { signal: own.signal });
    const b = polls.wait('b');
    a.catch(() => {});
    b.catch(() => {});
    clock.advance(5000);
    own.abort(new Error('user'));
    await expect(a).rejects.toBeInstanceOf(WaitAbortedError);
    expect(polls.pending).toBe(1);
    clock.advance(5000);
    polls.close('shutting down');
    await expect(b).rejects.toMatchObject({ name: 'WaitAbortedError', taskId: 'b', lastStatus: 'TASK_STATUS_PROCESSING' });
    await expect(polls.wait('c')).rejects.toMatchObject({ name: 'WaitAbortedError', taskId: 'c' });
    expect(polls.closed).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('waiting again for a pending task returns the same promise; each wait has its own deadline', async () => {
    const clock = new ManualClock(0);
    const client = provider(clock, Infinity);
    const updates: string[] = [];
    const polls = createPollScheduler(client, { clock, random: seededRandom(4), schedule: fixedSchedule(1000), timeoutMs: 60_000 });
    const a = polls.wait('a', { onProgress: (u) => updates.push(`1:${u.status}`) });
    expect(polls.wait('a', { onProgress: (u) => updates.push(`2:${u.status}`) })).toBe(a);
    const short = polls.wait('short', { timeoutMs: 5_000 });
    await expect(clock.run(short)).rejects.toMatchObject({ name: 'WaitTimeoutError', taskId: 'short', timeoutMs: 5_000 });
    expect(clock.now()).toBe(5_000);
    await expect(clock.run(a)).rejects.toMatchObject({ name: 'WaitTimeoutError', taskId: 'a', timeoutMs: 60_000 });
    expect(clock.now()).toBe(60_000);
    expect(updates).toEqual(['1:TASK_STATUS_PROCESSING', '2:TASK_STATUS_PROCESSING']);
  });

  it('an idle scheduler holds no timer (a process with nothing pending can exit)', async () => {
    const clock = new ManualClock(0);
    const polls = createPollScheduler(provider(clock, 0), { clock, random: seededRandom(5) });
    await clock.run(polls.wait('a'));
    expect(clock.pendingTimers).toBe(0);
    await clock.run(polls.wait('b'));
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('the shared 429 pause (issue 14 K8)', () => {
  /** 16 tasks, 50 ms latency; every poll sent in the first 20 ms is answered 429 (no Retry-After). */
  async function finishTime(concurrency: number): Promise<number> {
    const clock = new ManualClock(0);
    const client = {
      getTaskResult(taskId: string) {
        const sentAt = clock.now();
        return new Promise<TaskResult>((resolve, reject) =>
          clock.setTimeout(() => (sentAt < 20 ? reject(rateLimited()) : resolve(raw('TASK_STATUS_SUCCEED', { taskId }))), 50),
        );
      },
    };
    const ids = Array.from({ length: 16 }, (_, i) => `t${i}`);
    const outcomes = await clock.run(waitForMany(client, ids, { clock, concurrency, requestsPerMinute: 60_000, schedule: fixedSchedule(100), random: () => 0.5 }));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    return clock.now();
  }

  it('a burst answered to 16 in-flight polls pauses the batch once, not 16 times escalating', async () => {
    const one = await finishTime(1);
    const sixteen = await finishTime(16);
    // One 429 episode: the first pause (1.5 s with random 0.5) plus the polls themselves.
    expect(sixteen).toBeLessThan(one * 1.5);
    expect(sixteen).toBeLessThan(3_000);
  });

  it('a 429 of a poll sent after the pause began escalates it (the provider is still limiting)', async () => {
    const clock = new ManualClock(0);
    const starts: number[] = [];
    const client = {
      async getTaskResult(taskId: string): Promise<TaskResult> {
        starts.push(clock.now());
        if (starts.length <= 3) throw rateLimited();
        return raw('TASK_STATUS_SUCCEED', { taskId });
      },
    };
    await clock.run(waitForMany(client, ['a'], { clock, requestsPerMinute: 60_000, random: () => 0.5 }));
    // 2 s base, equal jitter at 0.5: 1.5 s, then 3 s, then 6 s.
    expect(starts.map((t, i) => (i ? t - starts[i - 1]! : t))).toEqual([0, 1500, 3000, 6000]);
  });
});

describe('createPollScheduler: per-wait options a batch needs', () => {
  it('notFoundGraceMs per wait: a fresh task\'s 404s are retried, an old task\'s are not', async () => {
    const clock = new ManualClock(0);
    let reads = 0;
    const client = {
      async getTaskResult(taskId: string): Promise<TaskResult> {
        reads++;
        if (taskId === 'old' || clock.now() < 3_000) {
          throw new TaskNotFoundError({ status: 404, operation: 'getTaskResult', reason: 'TASK_NOT_FOUND', taskId });
        }
        return raw('TASK_STATUS_SUCCEED', { taskId });
      },
    };
    const polls = createPollScheduler(client, { clock, random: seededRandom(9), requestsPerMinute: 6000 });
    const fresh = polls.wait('fresh', { notFoundGraceMs: 15_000 });
    const old = polls.wait('old');
    await expect(clock.run(old)).rejects.toMatchObject({ name: 'TaskNotFoundError', taskId: 'old' });
    await expect(clock.run(fresh)).resolves.toMatchObject({ status: 'TASK_STATUS_SUCCEED' });
    expect(reads).toBeGreaterThan(2);
  });
});
