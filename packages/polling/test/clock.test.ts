/**
 * Issue 22 items 2 and 3: durations on a monotonic clock (a wall-clock jump neither expires a
 * wait nor stalls it) and deadlines longer than a timer can hold (2^31-1 ms).
 */
import { createViduClient } from '@vidukit/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS, systemClock, type Clock } from '../src/clock.js';
import { generate } from '../src/generate.js';
import { fixedSchedule } from '../src/schedule.js';
import { waitForMany, waitForTask } from '../src/wait.js';
import { ManualClock, raw, TASK } from './helpers.js';
import { sendJson, startLoopback, taskBody, type Loopback } from './loopback.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const realDateNow = Date.now;
afterEach(() => {
  Date.now = realDateNow;
});

/** Moves the wall clock (`Date.now`) by `ms` from now on; timers and performance.now are not affected. */
function jumpWallClock(ms: number): void {
  const before = Date.now;
  Date.now = () => before() + ms;
}

/** The promise's outcome, or 'pending' if it has not settled within `ms` of real time (a hang detector, not a speed assert). */
function within<T>(p: Promise<T>, ms: number): Promise<{ ok: true; v: T } | { ok: false; e: unknown } | 'pending'> {
  return Promise.race([
    p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e })),
    new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms)),
  ]);
}

/**
 * Per task: PROCESSING for the first `polls` reads, then SUCCEED. The wall clock jumps by `jump`
 * `afterMs` after the first answer: while the waits sleep between two polls.
 */
function serve(polls: number, jump: number, afterMs = 25): Map<string, number> {
  const reads = new Map<string, number>();
  let jumped = false;
  server.handle((req, res) => {
    const id = new URL(req.url!, 'http://x').searchParams.get('task_id')!;
    const n = (reads.get(id) ?? 0) + 1;
    reads.set(id, n);
    if (!jumped && jump !== 0) {
      jumped = true;
      setTimeout(() => jumpWallClock(jump), afterMs);
    }
    sendJson(res, 200, taskBody(id, n > polls ? 'TASK_STATUS_SUCCEED' : 'TASK_STATUS_PROCESSING'));
  });
  return reads;
}

const client = () => createViduClient({ apiKey: 'sk-local-test-0001', baseUrl: server.url, maxRetries: 0 });

describe('wall-clock jumps during a wait (system clock, real loopback server)', () => {
  it('Date.now jumping 1 h forward does not time out waitForTask (10 min deadline)', async () => {
    serve(3, HOUR);
    const r = await within(waitForTask(client(), 't-fwd', { timeoutMs: 10 * 60_000, schedule: fixedSchedule(100) }), 10_000);
    expect(r).toMatchObject({ ok: true, v: { status: 'TASK_STATUS_SUCCEED' } });
  });

  it('Date.now jumping 1 h forward does not time out waitForMany (10 tasks, 30 min deadline)', async () => {
    serve(2, HOUR);
    const ids = Array.from({ length: 10 }, (_, i) => `t-many-${i}`);
    const r = await within(waitForMany(client(), ids, { timeoutMs: 30 * 60_000, schedule: fixedSchedule(100), requestsPerMinute: 60_000, concurrency: 10 }), 10_000);
    expect(r).toMatchObject({ ok: true });
    const outcomes = (r as { v: { ok: boolean }[] }).v;
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
  });

  it('Date.now jumping 1 h back does not stall the polls (4 s deadline still met)', async () => {
    const reads = serve(3, -HOUR);
    const r = await within(waitForTask(client(), 't-back', { timeoutMs: 4_000, schedule: fixedSchedule(100) }), 10_000);
    expect(r).toMatchObject({ ok: true, v: { status: 'TASK_STATUS_SUCCEED' } });
    expect(reads.get('t-back')).toBe(4);
  });

  it('a jump back still times a wait out at its deadline', async () => {
    server.handle((_req, res) => {
      jumpWallClock(-HOUR);
      sendJson(res, 200, taskBody('t-never', 'TASK_STATUS_PROCESSING'));
    });
    const r = await within(waitForTask(client(), 't-never', { timeoutMs: 300, schedule: fixedSchedule(20) }), 10_000);
    expect(r).toMatchObject({ ok: false, e: { name: 'WaitTimeoutError', taskId: 't-never' } });
  });

  it('URL expiry is still computed on wall time (the provider\'s clock)', async () => {
    server.handle((_req, res) => sendJson(res, 200, taskBody('t-exp', 'TASK_STATUS_SUCCEED')));
    const before = realDateNow();
    const r = await waitForTask(client(), 't-exp', { schedule: fixedSchedule(20) });
    const expiresAt = r.videos[0]!.expiresAt!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(expiresAt).toBeLessThan(realDateNow() + 3_600_000 + 1);
  });
});

/** The system clock, counting timers and the largest delay asked for. */
function countingClock(): Clock & { armed: number; maxDelay: number } {
  const c = {
    armed: 0,
    maxDelay: 0,
    now: () => systemClock.now(),
    wallNow: () => Date.now(),
    setTimeout(cb: () => void, ms: number) {
      c.armed++;
      c.maxDelay = Math.max(c.maxDelay, ms);
      return setTimeout(cb, ms);
    },
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return c;
}

describe('deadlines beyond 2^31-1 ms', () => {
  it('a 30-day timeoutMs: no TimeoutOverflowWarning, no timer storm, the wait completes', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      serve(10, 0);
      const clock = countingClock();
      const r = await within(waitForTask(client(), 't-30d', { timeoutMs: 30 * DAY, schedule: fixedSchedule(30), clock }), 10_000);
      expect(r).toMatchObject({ ok: true });
      // 11 polls: at most a timer for the sleep and one for the deadline per poll; the old
      // engine armed a 1 ms timer hundreds of times in the same wait.
      expect(clock.armed).toBeLessThanOrEqual(3 * 11);
      expect(clock.maxDelay).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
      await new Promise((r2) => setImmediate(r2));
      expect(warnings.filter((w) => w === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('generate with a 30-day timeoutMs does not abort its submit at once', async () => {
    serve(1, 0);
    const c = client();
    const submitter = {
      getTaskResult: c.getTaskResult,
      async submit(_op: string, _body: unknown, opts?: { signal?: AbortSignal }) {
        await new Promise((r) => setTimeout(r, 50));
        if (opts?.signal?.aborted) throw new Error('the submit was aborted');
        return { task_id: 't-gen-30d' };
      },
    };
    const r = await within(generate(submitter as never, 'submitQ2ProFast', {} as never, { timeoutMs: 30 * DAY, schedule: fixedSchedule(20) }), 10_000);
    expect(r).toMatchObject({ ok: true, v: { status: 'TASK_STATUS_SUCCEED' } });
  });

  it('on a manual clock a 30-day deadline is kept to the millisecond, every timer within the limit', async () => {
    const clock = new ManualClock(0);
    const delays: number[] = [];
    const setTimeoutOrig = clock.setTimeout.bind(clock);
    clock.setTimeout = (cb, ms) => {
      delays.push(ms);
      return setTimeoutOrig(cb, ms);
    };
    const client = { getTaskResult: async () => raw('TASK_STATUS_PROCESSING') };
    const r = clock.run(waitForTask(client, TASK, { clock, timeoutMs: 30 * DAY, schedule: fixedSchedule(40 * DAY) }));
    await expect(r).rejects.toMatchObject({ name: 'WaitTimeoutError', timeoutMs: 30 * DAY });
    expect(clock.now()).toBe(30 * DAY);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    expect(delays.length).toBeLessThan(5);
  });
});
