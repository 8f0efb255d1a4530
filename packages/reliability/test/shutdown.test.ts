/**
 * Clean shutdown: after completion, failure, timeout or abort of any wait, nothing is left
 * behind: no timer, no socket, no child process (process.getActiveResourcesInfo() before and
 * after), and a process whose wait ended exits by itself, at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViduClient, SubmitOutcomeUnknownError, TimeoutError } from '@vidukit/client';
import { fixedSchedule, generate, waitForMany, waitForTask, watchTask, WaitAbortedError, WaitTimeoutError, TaskFailedError } from '@vidukit/polling';
import { downloadVideo } from '@vidukit/polling/node';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { activeResources, leakedSince, settleResources, startServer, type TestServer } from '../src/servers.js';

const schedule = fixedSchedule(20);
const body = (prompt: string) => ({ images: ['https://example.com/a.png'], prompt });
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vidukit-shutdown-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `scenario` with fresh servers, then checks: right after the outcome no timer is left
 * (servers have none); after the servers close, no socket or server is left either.
 */
async function leavesNothing(name: string, scenario: (ctx: { fast: SimulatorHandle; slow: SimulatorHandle; stall: TestServer }) => Promise<unknown>) {
  const baseline = activeResources();
  const fast = await startSimulator({ queuedMs: 20, processingMs: 40 });
  const slow = await startSimulator({ queuedMs: 60_000, processingMs: 60_000, seed: 2 });
  const stall = await startServer(() => {});
  const withServers = activeResources();
  await scenario({ fast, slow, stall });
  await new Promise((r) => setImmediate(r));
  const timers = (activeResources().Timeout ?? 0) - (withServers.Timeout ?? 0);
  await Promise.all([fast.close(), slow.close(), stall.close()]);
  const left = await settleResources(baseline, 1_000);
  return { name, timers, left, leaked: leakedSince(baseline) };
}

const c = (url: string) => createViduClient({ apiKey: 'k-local-test-0001', baseUrl: url, timeoutMs: 300, maxRetries: 1, retryBaseDelayMs: 5 });
const scenarios: [string, (x: { fast: SimulatorHandle; slow: SimulatorHandle; stall: TestServer }) => Promise<unknown>][] = [
  ['generate: completion', async ({ fast }) => expect((await generate(c(fast.url), 'submitQ1Reference', body('ok'), { schedule })).status).toBe('TASK_STATUS_SUCCEED')],
  ['generate: task failure', async ({ fast }) => expect(generate(c(fast.url), 'submitQ1Reference', body('[fail]'), { schedule })).rejects.toBeInstanceOf(TaskFailedError)],
  ['generate: overall timeout', async ({ slow }) => expect(generate(c(slow.url), 'submitQ1Reference', body('x'), { schedule, timeoutMs: 150 })).rejects.toBeInstanceOf(WaitTimeoutError)],
  ['generate: abort while polling', async ({ slow }) => expect(generate(c(slow.url), 'submitQ1Reference', body('x'), { schedule, signal: AbortSignal.timeout(100) })).rejects.toBeInstanceOf(WaitAbortedError)],
  ['generate: abort during a stalled submit', async ({ stall }) => {
    const e = await generate(c(stall.url), 'submitQ1Reference', body('x'), { signal: AbortSignal.timeout(100) }).catch((x: unknown) => x);
    expect((e as Error).name).toMatch(/Abort|SubmitOutcomeUnknown/);
  }],
  ['submit: stalled past the attempt timeout (in doubt)', async ({ stall }) => expect(c(stall.url).submitQ1Reference(body('x'))).rejects.toBeInstanceOf(SubmitOutcomeUnknownError)],
  ['getTaskResult: stalled read times out', async ({ stall }) => expect(c(stall.url).getTaskResult('t')).rejects.toBeInstanceOf(TimeoutError)],
  ['waitForTask: polls stall until the deadline', async ({ stall }) => expect(waitForTask(c(stall.url), 't', { schedule, timeoutMs: 500 })).rejects.toBeInstanceOf(WaitTimeoutError)],
  ['waitForMany: success, failure and timeout mixed', async ({ fast, slow }) => {
    const ids = [(await c(fast.url).submitQ1Reference(body('ok'))).task_id, (await c(fast.url).submitQ1Reference(body('[fail]'))).task_id];
    const slowId = (await c(slow.url).submitQ1Reference(body('x'))).task_id;
    const both = createViduClient({ apiKey: 'k-local-test-0001', baseUrl: fast.url, timeoutMs: 300, fetch: (u, i) => fetch(String(u).includes(slowId) ? String(u).replace(fast.url, slow.url) : u, i) });
    const out = await waitForMany(both, [...ids, slowId], { schedule, timeoutMs: 400, requestsPerMinute: 60_000 });
    expect(out.map((o) => (o.ok ? 'ok' : o.error.name)), out.map((o) => (o.ok ? 'ok' : o.error.message)).join(' | ')).toEqual(['ok', 'TaskFailedError', 'WaitTimeoutError']);
  }],
  ['waitForMany: abort', async ({ slow }) => {
    const id = (await c(slow.url).submitQ1Reference(body('x'))).task_id;
    const out = await waitForMany(c(slow.url), [id], { schedule, signal: AbortSignal.timeout(100) });
    expect(out[0]!.ok).toBe(false);
  }],
  ['watchTask: loop left early', async ({ slow }) => {
    const id = (await c(slow.url).submitQ1Reference(body('x'))).task_id;
    for await (const u of watchTask(c(slow.url), id, { schedule })) if (u) break;
  }],
  ['downloadVideo: completion and abort', async ({ fast }) => {
    const client = c(fast.url);
    const r = await generate(client, 'submitQ1Reference', body('ok'), { schedule });
    await downloadVideo(r, join(dir, 'a.mp4'));
    await expect(downloadVideo(r, join(dir, 'b.mp4'), { signal: AbortSignal.abort() })).rejects.toThrow();
  }],
];

describe('no timer, socket or server left after a wait ends', () => {
  it('control: the check does see a timer and a socket left behind on purpose', async () => {
    let timer: NodeJS.Timeout | undefined;
    let socket: import('node:net').Socket | undefined;
    const other = await startServer(() => {});
    const r = await leavesNothing('control', async () => {
      timer = setTimeout(() => {}, 60_000);
      const { connect } = await import('node:net');
      socket = connect(other.port, '127.0.0.1');
      await new Promise((res) => socket!.once('connect', res));
    });
    expect(r.timers).toBeGreaterThanOrEqual(1);
    expect(r.left.TCPSocketWrap ?? 0).toBeGreaterThanOrEqual(1);
    clearTimeout(timer);
    socket?.destroy();
    await other.close();
  });

  it.each(scenarios)('%s', async (name, scenario) => {
    const r = await leavesNothing(name, scenario);
    expect(r.timers, `timers left right after: ${name}`).toBeLessThanOrEqual(0);
    expect(r.left, `resources left after the servers closed: ${name}`).toEqual({});
  });
});

describe('a process whose wait ended exits by itself', () => {
  let fast: SimulatorHandle;
  let slow: SimulatorHandle;
  let stall: TestServer;
  beforeAll(async () => {
    fast = await startSimulator({ queuedMs: 20, processingMs: 40 });
    slow = await startSimulator({ queuedMs: 60_000, processingMs: 60_000 });
    stall = await startServer(() => {});
  });
  afterAll(() => Promise.all([fast.close(), slow.close(), stall.close()]));

  const runChild = (scenario: string, url: string) =>
    new Promise<{ code: number | null; out: string; exitAfterDoneMs: number }>((resolve) => {
      const child = spawn(process.execPath, [new URL('./fixtures/child-wait.mjs', import.meta.url).pathname, scenario], { env: { ...process.env, SIM_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let doneAt = 0;
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (!doneAt && out.includes('DONE')) doneAt = Date.now();
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('close', (code) => {
        clearTimeout(kill);
        resolve({ code, out, exitAfterDoneMs: doneAt ? Date.now() - doneAt : Infinity });
      });
    });

  it('completion, failure, timeout, abort, waitForMany, stalled reads: exit 0 within 3 s of the outcome (a leftover deadline timer or open request would hold them far longer)', async () => {
    const cases: [string, string, RegExp][] = [
      ['complete', fast.url, /TASK_STATUS_SUCCEED/],
      ['fail', fast.url, /TaskFailedError/],
      ['timeout', slow.url, /WaitTimeoutError/],
      ['abort', slow.url, /WaitAbortedError/],
      ['many', fast.url, /ok,ok,TaskFailedError/],
      ['stalled-read', stall.url, /WaitTimeoutError/],
    ];
    // Two at a time: on a loaded 2-core machine, process start-up and teardown alone take hundreds of ms.
    const results: { s: string; re: RegExp; code: number | null; out: string; exitAfterDoneMs: number }[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(...(await Promise.all(cases.slice(i, i + 2).map(async ([s, url, re]) => ({ s, re, ...(await runChild(s, url)) })))));
    }
    for (const r of results) {
      expect(r.out, r.s).toMatch(r.re);
      expect(r.code, r.s).toBe(0);
      expect(r.exitAfterDoneMs, `${r.s}: ${r.out}`).toBeLessThan(3_000);
    }
    console.log(`exit after the outcome (ms): ${results.map((r) => `${r.s}=${r.exitAfterDoneMs}`).join(' ')}`);
  }, 30_000);
});
