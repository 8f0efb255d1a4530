/**
 * Issue 14 K2: providers add statuses. An unlisted status is a valid answer: the wait goes on
 * (within its deadline), warns once, and surfaces the status as it came. Real client, real
 * loopback server.
 */
import { createViduClient } from '@vidukit/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WaitTimeoutError } from '../src/errors.js';
import { fixedSchedule } from '../src/schedule.js';
import type { PollWarning, TaskUpdate } from '../src/types.js';
import { waitForMany, waitForTask } from '../src/wait.js';
import { sendJson, startLoopback, taskBody, type Loopback } from './loopback.js';

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());
const client = () => createViduClient({ apiKey: 'sk-local-test-0001', baseUrl: server.url, maxRetries: 0 });

/** Answers `status` for the first `n` reads of each task, then SUCCEED. */
function serve(status: (taskId: string) => string, n = Infinity): void {
  const reads = new Map<string, number>();
  server.handle((req, res) => {
    const id = new URL(req.url!, 'http://x').searchParams.get('task_id')!;
    const k = (reads.get(id) ?? 0) + 1;
    reads.set(id, k);
    sendJson(res, 200, taskBody(id, k > n ? 'TASK_STATUS_SUCCEED' : status(id)));
  });
}

describe('a status the spec does not list', () => {
  it('getTaskResult returns it as it came (the spec tolerates it)', async () => {
    serve(() => 'TASK_STATUS_PAUSED_FOR_REVIEW');
    const r = await client().getTaskResult('t-1');
    expect(r.task.status).toBe('TASK_STATUS_PAUSED_FOR_REVIEW');
  });

  it('the wait goes on through it and succeeds, warning once, with the status in the updates', async () => {
    serve(() => 'TASK_STATUS_PAUSED_FOR_REVIEW', 4);
    const warnings: PollWarning[] = [];
    const updates: TaskUpdate[] = [];
    const r = await waitForTask(client(), 't-2', { schedule: fixedSchedule(10), timeoutMs: 10_000, onWarning: (w) => warnings.push(w), onProgress: (u) => updates.push(u) });
    expect(r.status).toBe('TASK_STATUS_SUCCEED');
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_TASK_STATUS', taskId: 't-2', status: 'TASK_STATUS_PAUSED_FOR_REVIEW' }),
    ]);
    expect(updates.map((u) => [u.status, u.isTerminal, u.result.isKnownStatus])).toEqual([
      ['TASK_STATUS_PAUSED_FOR_REVIEW', false, false],
      ['TASK_STATUS_SUCCEED', true, true],
    ]);
  });

  it('a task that stays in it runs to the deadline: WaitTimeoutError with the status as last seen', async () => {
    serve(() => 'TASK_STATUS_PAUSED_FOR_REVIEW');
    const warnings: PollWarning[] = [];
    const e = await waitForTask(client(), 't-3', { schedule: fixedSchedule(10), timeoutMs: 300, onWarning: (w) => warnings.push(w) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e).toMatchObject({ taskId: 't-3', lastStatus: 'TASK_STATUS_PAUSED_FOR_REVIEW' });
    expect(warnings).toHaveLength(1);
  });

  it('waitForMany warns once per status value, not once per task or poll', async () => {
    serve((id) => (id.startsWith('a') ? 'TASK_STATUS_NEW_A' : 'TASK_STATUS_NEW_B'), 3);
    const warnings: PollWarning[] = [];
    const ids = ['a1', 'a2', 'a3', 'b1', 'b2'];
    const out = await waitForMany(client(), ids, { schedule: fixedSchedule(10), requestsPerMinute: 60_000, timeoutMs: 10_000, onWarning: (w) => warnings.push(w) });
    expect(out.every((o) => o.ok)).toBe(true);
    expect(warnings.map((w) => w.status).sort()).toEqual(['TASK_STATUS_NEW_A', 'TASK_STATUS_NEW_B']);
  });

  it('by default warns on the console, with control characters of the status escaped', async () => {
    serve(() => 'TASK_\u001b]0;pwned\u0007STATUS', 1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await waitForTask(client(), 't-5', { schedule: fixedSchedule(10), timeoutMs: 10_000 });
      expect(warn).toHaveBeenCalledTimes(1);
      const text = String(warn.mock.calls[0]![0]);
      expect(text).toContain('TASK_\\x1b]0;pwned\\x07STATUS');
      expect([...text].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});
