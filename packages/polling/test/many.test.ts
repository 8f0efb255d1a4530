import { describe, expect, it } from 'vitest';
import type { TaskResult } from '@vidukit/types';
import { seededRandom } from '../src/random.js';
import { WaitAbortedError } from '../src/errors.js';
import { RequestBudget } from '../src/internal/budget.js';
import type { PollRequestOptions } from '../src/types.js';
import { waitForMany } from '../src/wait.js';
import { ManualClock, httpError, raw } from './helpers.js';

/** Largest number of request starts in any half-open window [t, t + 60 s). */
function maxPerMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= 60_000) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/** A fake provider: task i finishes `durationOf(i)` ms after the start; some fail. */
function simulatedProvider(clock: ManualClock, durationOf: (id: string) => number, opts: { failIds?: Set<string> } = {}) {
  const starts: number[] = [];
  let maxTimers = 0;
  const client = {
    starts,
    get maxTimers() {
      return maxTimers;
    },
    async getTaskResult(taskId: string, _opts?: PollRequestOptions): Promise<TaskResult> {
      starts.push(clock.now());
      maxTimers = Math.max(maxTimers, clock.pendingTimers);
      if (clock.now() < durationOf(taskId)) return raw('TASK_STATUS_PROCESSING', { taskId });
      if (opts.failIds?.has(taskId)) return raw('TASK_STATUS_FAILED', { taskId, reason: 'TASK_FAILED' });
      return raw('TASK_STATUS_SUCCEED', { taskId });
    },
  };
  return client;
}

describe('RequestBudget', () => {
  it('spaces starts evenly and never allows more than N per rolling minute', () => {
    const b = new RequestBudget(3);
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < 10; i++) {
      t = Math.max(t, b.nextAllowedAt());
      b.record(t);
      times.push(t);
    }
    expect(times.slice(0, 3)).toEqual([0, 20_000, 40_000]);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(times[3]! - times[0]!).toBeLessThan(60_001);
    expect(maxPerMinute(times)).toBe(3);
  });
  it('rejects a nonsense budget', () => {
    expect(() => new RequestBudget(0)).toThrow(RangeError);
    expect(() => new RequestBudget(1.5)).toThrow(RangeError);
  });
});

describe('waitForMany', () => {
  it('waits for 10,000 tasks with one timer, within the request budget, results per task', async () => {
    const clock = new ManualClock(0);
    const n = 10_000;
    const ids = Array.from({ length: n }, (_, i) => `task-${i}`);
    const failIds = new Set(ids.filter((_, i) => i % 97 === 0));
    // Tasks finish between 5 s and 300 s after the start.
    const durations = new Map(ids.map((id, i) => [id, 5_000 + ((i * 7919) % 295_000)]));
    const client = simulatedProvider(clock, (id) => durations.get(id)!, { failIds });
    const rpm = 6000;
    const outcomes = await clock.run(
      waitForMany(client, ids, { clock, random: seededRandom(3), concurrency: 16, requestsPerMinute: rpm, timeoutMs: 3_600_000 }),
    );
    expect(outcomes).toHaveLength(n);
    expect(outcomes.map((o) => o.taskId)).toEqual(ids);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(failIds.size);
    for (const o of failed) expect(o).toMatchObject({ ok: false, error: { name: 'TaskFailedError', taskId: o.taskId } });
    expect(outcomes.filter((o) => o.ok).every((o) => o.ok && o.result.status === 'TASK_STATUS_SUCCEED')).toBe(true);
    expect(maxPerMinute(client.starts)).toBeLessThanOrEqual(rpm);
    // one timer for the whole scheduler (the deadline shares it), none left at the end
    expect(client.maxTimers).toBeLessThanOrEqual(1);
    expect(clock.pendingTimers).toBe(0);
  }, 60_000);

  it('never exceeds a tight budget and keeps concurrency', async () => {
    const clock = new ManualClock(0);
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const client = {
      getTaskResult(taskId: string) {
        starts.push(clock.now());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // answers 3 s later (a slow provider): the answer timer is the fake's, not the scheduler's
        return new Promise<TaskResult>((resolve) =>
          clock.setTimeout(() => {
            inFlight--;
            resolve(clock.now() > 120_000 ? raw('TASK_STATUS_SUCCEED', { taskId }) : raw('TASK_STATUS_QUEUED', { taskId }));
          }, 3000),
        );
      },
    };
    const ids = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const outcomes = await clock.run(waitForMany(client, ids, { clock, random: seededRandom(4), concurrency: 5, requestsPerMinute: 90 }));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(5);
    expect(maxPerMinute(starts)).toBeLessThanOrEqual(90);
  });

  it('backs off together on a 429: nobody polls until Retry-After has passed', async () => {
    const clock = new ManualClock(0);
    const starts: { at: number; id: string }[] = [];
    let limitedAt = -1;
    const client = {
      async getTaskResult(taskId: string): Promise<TaskResult> {
        starts.push({ at: clock.now(), id: taskId });
        if (starts.length === 5) {
          limitedAt = clock.now();
          throw httpError(429, 'RateLimitError', { retryAfterMs: 20_000 });
        }
        return clock.now() >= 30_000 ? raw('TASK_STATUS_SUCCEED', { taskId }) : raw('TASK_STATUS_PROCESSING', { taskId });
      },
    };
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const outcomes = await clock.run(waitForMany(client, ids, { clock, random: seededRandom(5), requestsPerMinute: 600 }));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const after = starts.filter((s) => s.at > limitedAt);
    expect(after[0]!.at - limitedAt).toBeGreaterThanOrEqual(20_000);
  });

  it('one failure does not cancel the rest; errors carry their task id', async () => {
    const clock = new ManualClock(0);
    const client = {
      async getTaskResult(taskId: string): Promise<TaskResult> {
        if (taskId === 'bad') throw httpError(401, 'AuthenticationError');
        if (taskId === 'failed') return raw('TASK_STATUS_FAILED', { taskId, reason: 'ILLEGAL_PROMPT' });
        return clock.now() > 10_000 ? raw('TASK_STATUS_SUCCEED', { taskId }) : raw('TASK_STATUS_PROCESSING', { taskId });
      },
    };
    const settled: string[] = [];
    const outcomes = await clock.run(
      waitForMany(client, ['a', 'bad', 'failed', 'b', 'a'], { clock, random: seededRandom(6), onSettled: (o) => settled.push(o.taskId) }),
    );
    expect(outcomes.map((o) => [o.taskId, o.ok])).toEqual([
      ['a', true],
      ['bad', false],
      ['failed', false],
      ['b', true],
      ['a', true],
    ]);
    expect(outcomes[1]).toMatchObject({ error: { name: 'AuthenticationError', taskId: 'bad' } });
    expect(outcomes[2]).toMatchObject({ error: { name: 'TaskFailedError', taskId: 'failed', reason: 'ILLEGAL_PROMPT' } });
    expect(settled.sort()).toEqual(['a', 'b', 'bad', 'failed']);
  });

  it('an abort settles every pending task with WaitAbortedError and clears the timer', async () => {
    const clock = new ManualClock(0);
    const client = { getTaskResult: async (taskId: string) => raw('TASK_STATUS_PROCESSING', { taskId }) };
    const controller = new AbortController();
    const promise = waitForMany(client, ['x', 'y', 'z'], { clock, random: seededRandom(7), signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    clock.advance(5000);
    controller.abort();
    const outcomes = await promise;
    expect(outcomes.map((o) => !o.ok && o.error instanceof WaitAbortedError && o.error.taskId)).toEqual(['x', 'y', 'z']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('the overall deadline times out the unfinished tasks only', async () => {
    const clock = new ManualClock(0);
    const client = {
      getTaskResult: async (taskId: string) =>
        taskId === 'slow' || clock.now() < 3000 ? raw('TASK_STATUS_PROCESSING', { taskId }) : raw('TASK_STATUS_SUCCEED', { taskId }),
    };
    const outcomes = await clock.run(waitForMany(client, ['fast', 'slow'], { clock, random: seededRandom(8), timeoutMs: 60_000 }));
    expect(outcomes[0]!.ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { name: 'WaitTimeoutError', taskId: 'slow', lastStatus: 'TASK_STATUS_PROCESSING' } });
    expect(clock.now()).toBe(60_000);
  });

  it('resolves at once for no tasks', async () => {
    await expect(waitForMany({ getTaskResult: async () => raw('x') }, [])).resolves.toEqual([]);
  });
});
