import { AbortError, AuthenticationError, ServerError, RateLimitError, ViduError } from '@vidukit/client';
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../src/clock.js';
import { seededRandom } from '../src/random.js';
import { TaskFailedError, WaitAbortedError, WaitTimeoutError } from '../src/errors.js';
import { fixedSchedule } from '../src/schedule.js';
import type { TaskUpdate } from '../src/types.js';
import { waitForTask, watchTask } from '../src/wait.js';
import { ManualClock, TASK, httpError, raw, scriptedClient } from './helpers.js';

const Q = 'TASK_STATUS_QUEUED';
const P = 'TASK_STATUS_PROCESSING';
const S = 'TASK_STATUS_SUCCEED';
const F = 'TASK_STATUS_FAILED';

function setup(steps: Parameters<typeof scriptedClient>[1]) {
  const clock = new ManualClock(1_700_000_000_000);
  const client = scriptedClient(clock, steps);
  return { clock, client, random: seededRandom(1) };
}

describe('waitForTask: state sequences', () => {
  it('queued -> processing -> succeed resolves with the normalised result and leaves no timer', async () => {
    const { clock, client, random } = setup([raw(Q), raw(P, { progress: '10' }), raw(P, { progress: 60 }), raw(S, { ttl: '3600' })]);
    const updates: TaskUpdate[] = [];
    const result = await clock.run(waitForTask(client, TASK, { clock, random, onProgress: (u) => updates.push(u) }));
    expect(result.status).toBe(S);
    expect(result.taskId).toBe(TASK);
    expect(result.videos[0]!.url).toBe('https://cdn.example/v.mp4');
    // expiresAt = time of the poll that read it + TTL
    expect(result.videos[0]!.expiresAt!.getTime()).toBe(client.calls[3]!.at + 3_600_000);
    expect(updates.map((u) => [u.status, u.progressPercent])).toEqual([
      [Q, undefined],
      [P, 10],
      [P, 60],
      [S, undefined],
    ]);
    expect(updates.at(-1)!.isTerminal).toBe(true);
    expect(client.calls).toHaveLength(4);
    // the scheduler owns retries: the client is asked for none, and gets a signal
    expect(client.calls[0]!.opts).toMatchObject({ maxRetries: 0 });
    expect(client.calls[0]!.opts!.signal).toBeInstanceOf(AbortSignal);
    expect(clock.pendingTimers).toBe(0);
  });

  it('queued -> processing -> failed rejects with TaskFailedError (task id, reason)', async () => {
    const { clock, client, random } = setup([raw(Q), raw(P), raw(F, { reason: 'ILLEGAL_IMAGE_CONTENT' })]);
    const error = await clock.run(waitForTask(client, TASK, { clock, random })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toBeInstanceOf(ViduError);
    expect(error).toMatchObject({ taskId: TASK, reason: 'ILLEGAL_IMAGE_CONTENT' });
    expect((error as TaskFailedError).result.status).toBe(F);
    expect(JSON.stringify(error)).not.toContain('raw');
    expect(clock.pendingTimers).toBe(0);
  });

  it('treats TASK_STATUS_UNKNOWN and unlisted statuses as not finished', async () => {
    const { clock, client, random } = setup([raw('TASK_STATUS_UNKNOWN'), raw('TASK_STATUS_SOMETHING_NEW'), raw(''), raw(S)]);
    const result = await clock.run(waitForTask(client, TASK, { clock, random }));
    expect(result.status).toBe(S);
    expect(client.calls).toHaveLength(4);
  });

  it('never polls faster than the min interval and backs off without hints', async () => {
    const steps = [...Array.from({ length: 30 }, () => raw(P)), raw(S)];
    const { clock, client, random } = setup(steps);
    await clock.run(waitForTask(client, TASK, { clock, random }));
    const gaps = client.calls.slice(1).map((c, i) => c.at - client.calls[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]! * 2);
  });

  it('with an eta polls a few times around the expected completion, not every second', async () => {
    // The task finishes at t = 120 s; the provider reports the true remaining time.
    const clock = new ManualClock(0);
    const calls: number[] = [];
    const client = {
      async getTaskResult() {
        const t = clock.now();
        calls.push(t);
        if (t >= 120_000) return raw(S);
        return raw(P, { eta: Math.ceil((120_000 - t) / 1000), progress: Math.floor(t / 1200) });
      },
    };
    const result = await clock.run(waitForTask(client, TASK, { clock, random: seededRandom(2) }));
    expect(result.status).toBe(S);
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(calls.at(-1)! - 120_000).toBeLessThanOrEqual(2000);
  });
});

describe('waitForTask: errors while polling', () => {
  it('honours Retry-After of a 429 and goes on', async () => {
    const limited = new RateLimitError({ status: 429, operation: 'getTaskResult', retryAfterMs: 7000 });
    const { clock, client, random } = setup([raw(Q), limited, raw(P), raw(S)]);
    const result = await clock.run(waitForTask(client, TASK, { clock, random, schedule: fixedSchedule(1000) }));
    expect(result.status).toBe(S);
    expect(client.calls[2]!.at - client.calls[1]!.at).toBe(7000);
  });

  it('backs off exponentially on a 429 without Retry-After', async () => {
    const { clock, client, random } = setup([httpError(429, 'RateLimitError'), httpError(429, 'RateLimitError'), httpError(429, 'RateLimitError'), raw(S)]);
    await clock.run(waitForTask(client, TASK, { clock, random }));
    const gaps = client.calls.slice(1).map((c, i) => c.at - client.calls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[2]).toBeGreaterThan(gaps[0]!);
  });

  it('retries 5xx and connection failures, then succeeds', async () => {
    const { clock, client, random } = setup([
      new ServerError({ status: 502, operation: 'getTaskResult' }),
      httpError(0, 'ConnectionError'),
      raw(S),
    ]);
    const result = await clock.run(waitForTask(client, TASK, { clock, random }));
    expect(result.status).toBe(S);
  });

  it('stops after maxConsecutiveErrors and throws the last error with the task id', async () => {
    const { clock, client, random } = setup([new ServerError({ status: 500, operation: 'getTaskResult' })]);
    const error = await clock.run(waitForTask(client, TASK, { clock, random, maxConsecutiveErrors: 3 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ taskId: TASK });
    expect(client.calls).toHaveLength(4);
  });

  it('does not retry an authentication error; the error gets the task id', async () => {
    const { clock, client, random } = setup([new AuthenticationError({ status: 401, operation: 'getTaskResult' })]);
    const error = await clock.run(waitForTask(client, TASK, { clock, random })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ taskId: TASK });
    expect(client.calls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('retries TASK_NOT_FOUND only within the grace period', async () => {
    const nf = httpError(404, 'TaskNotFoundError');
    const { clock, client, random } = setup([nf, nf, raw(S)]);
    const ok = await clock.run(waitForTask(client, TASK, { clock, random, notFoundGraceMs: 10_000 }));
    expect(ok.status).toBe(S);
    const again = setup([nf]);
    const error = await again.clock.run(waitForTask(again.client, TASK, { clock: again.clock, random })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TaskNotFoundError', taskId: TASK });
  });
});

describe('waitForTask: one deadline for polls and retries together', () => {
  it('times out at the deadline across failing retries, with the last status seen', async () => {
    const { clock, client, random } = setup([raw(P), new ServerError({ status: 503, operation: 'getTaskResult' })]);
    const start = clock.now();
    let rejectedAt = 0;
    const error = await clock
      .run(waitForTask(client, TASK, { clock, random, timeoutMs: 20_000, maxConsecutiveErrors: 1000 }))
      .catch((e: unknown) => {
        rejectedAt = clock.now();
        return e;
      });
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ taskId: TASK, lastStatus: P, timeoutMs: 20_000 });
    expect(rejectedAt - start).toBe(20_000);
    expect(client.calls.every((c) => c.at - start < 20_000)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('times out while a request hangs, and aborts that request', async () => {
    const { clock, client, random } = setup([raw(Q), 'hang']);
    const error = await clock.run(waitForTask(client, TASK, { clock, random, timeoutMs: 5000 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WaitTimeoutError', lastStatus: Q });
    expect(client.calls[1]!.opts!.signal!.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a long Retry-After does not extend the deadline', async () => {
    const limited = new RateLimitError({ status: 429, operation: 'getTaskResult', retryAfterMs: 600_000 });
    const { clock, client, random } = setup([limited]);
    const start = clock.now();
    const error = await clock.run(waitForTask(client, TASK, { clock, random, timeoutMs: 30_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(clock.now() - start).toBe(30_000);
  });
});

describe('waitForTask: abort at every stage', () => {
  it('rejects at once when the signal is already aborted (no request made)', async () => {
    const { clock, client, random } = setup([raw(S)]);
    const error = await waitForTask(client, TASK, { clock, random, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ taskId: TASK });
    expect(client.calls).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts an in-flight request', async () => {
    const { clock, client, random } = setup(['hang']);
    const controller = new AbortController();
    const promise = waitForTask(client, TASK, { clock, random, signal: controller.signal });
    await Promise.resolve();
    expect(client.calls).toHaveLength(1);
    controller.abort(new Error('user cancelled'));
    const error = await promise.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WaitAbortedError', taskId: TASK });
    expect((error as Error).cause).toMatchObject({ message: 'user cancelled' });
    expect(client.calls[0]!.opts!.signal!.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts during the sleep between polls, keeping the last status', async () => {
    const { clock, client, random } = setup([raw(P, { progress: 30 })]);
    const controller = new AbortController();
    const promise = waitForTask(client, TASK, { clock, random, signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    expect(client.calls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(1);
    controller.abort();
    const error = await promise.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WaitAbortedError', taskId: TASK, lastStatus: P });
    expect(clock.pendingTimers).toBe(0);
  });

  it('with real timers, an aborted wait leaves no timer behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const client = { getTaskResult: vi.fn(async () => raw(P)) };
    const controller = new AbortController();
    const promise = waitForTask(client, TASK, { clock: systemClock, signal: controller.signal, timeoutMs: 3_600_000 });
    await new Promise((r) => setTimeout(r, 5));
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeGreaterThan(before);
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(WaitAbortedError);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });

  it('with real timers, a finished wait leaves no timer behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const client = { getTaskResult: vi.fn(async () => raw(S)) };
    await waitForTask(client, TASK, { timeoutMs: 3_600_000 });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});

describe('watchTask', () => {
  it('yields each change and ends after the terminal update', async () => {
    const { clock, client, random } = setup([raw(Q), raw(Q), raw(P, { progress: 50, eta: 10 }), raw(P, { progress: 50, eta: 10 }), raw(S)]);
    const seen: string[] = [];
    await clock.run(
      (async () => {
        for await (const u of watchTask(client, TASK, { clock, random })) seen.push(`${u.status}:${u.progressPercent ?? ''}:${u.etaSeconds ?? ''}`);
      })(),
    );
    expect(seen).toEqual([`${Q}::`, `${P}:50:10`, `${S}::`]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('ends normally on a failed task, with the reason in the last update', async () => {
    const { clock, client, random } = setup([raw(P), raw(F, { reason: 'TASK_FAILED' })]);
    const seen: TaskUpdate[] = [];
    await clock.run(
      (async () => {
        for await (const u of watchTask(client, TASK, { clock, random })) seen.push(u);
      })(),
    );
    expect(seen.at(-1)).toMatchObject({ status: F, isTerminal: true, result: { reason: 'TASK_FAILED' } });
  });

  it('throws a timeout from the iterator', async () => {
    const { clock, client, random } = setup([raw(P)]);
    const error = await clock
      .run(
        (async () => {
          for await (const _ of watchTask(client, TASK, { clock, random, timeoutMs: 10_000 })) {
            /* drain */
          }
        })(),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'WaitTimeoutError', taskId: TASK, lastStatus: P });
  });

  it('breaking out of the loop stops polling and clears the timer', async () => {
    const { clock, client, random } = setup([raw(P, { progress: 1 }), raw(P, { progress: 2 }), raw(P, { progress: 3 })]);
    await clock.run(
      (async () => {
        for await (const u of watchTask(client, TASK, { clock, random })) if (u.progressPercent === 2) break;
      })(),
    );
    const calls = client.calls.length;
    expect(clock.pendingTimers).toBe(0);
    clock.advance(600_000);
    expect(client.calls.length).toBe(calls);
  });
});
