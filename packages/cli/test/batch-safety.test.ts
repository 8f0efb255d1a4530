// `vidu batch` never bills twice and never loses output: one run per journal (P7), no two jobs
// on one file (P8), invalid UTF-8 named by line (K9), stdout drained before exit (P9), no
// resume hint that cannot work (P10), stale .part files removed (22.4), no leak warnings at
// -c 16 (22.5), the summary on stdout within 120 columns (19.11), one poll budget for the
// whole batch (issue 16).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanEnv, isMp4, PNG, start, tempDir, vidu } from './helpers.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 200, processingMs: 600 });
});
afterAll(async () => {
  await sim?.close();
});

function writeJobs(dir: string, jobs: object[]): string {
  copyFileSync(PNG, join(dir, 'me.png'));
  const file = join(dir, 'jobs.jsonl');
  writeFileSync(file, `${jobs.map((j) => JSON.stringify(j)).join('\n')}\n`);
  return file;
}
/** Resolves once the journal holds `n` task ids (the CLI prints an id just before journaling it). */
async function journaled(file: string, n: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if ((text.match(/"event":"submitted"/g) ?? []).length >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the journal never held ${n} task ids`);
}
const job = (i: number, extra: object = {}) => ({ model: 'q1-reference', prompt: `job ${i}`, images: ['me.png'], out: `out-${i}.mp4`, ...extra });

describe('one run per journal (P7)', () => {
  test('a second `vidu batch` on the same journal refuses, naming the first (pid, host); nothing is billed twice', async () => {
    const own = await startSimulator({ queuedMs: 200, processingMs: 2500, seed: 11 });
    try {
      const dir = tempDir();
      const file = writeJobs(dir, [job(1), job(2), job(3), job(4)]);
      const first = start(['batch', file, '-c', '4', '--base-url', own.url], { cwd: dir });
      await first.waitFor(/submitted/);
      const second = await vidu(['batch', file, '-c', '4', '--base-url', own.url, '--json'], { cwd: dir });
      expect(second.code, second.stderr).toBe(1);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
      expect(second.stderr).toContain(hostname());
      expect(JSON.parse(second.stdout).error.name).toBe('JournalBusyError');
      const r = await first.done;
      expect(r.code, r.stderr).toBe(0);
      expect(own.counts().submitAttempts).toBe(4);
      expect(own.counts().tasksCreated).toBe(4);
      expect(existsSync(join(dir, 'jobs.journal.jsonl.lock'))).toBe(false);
    } finally {
      await own.close();
    }
  });

  test('a lock left by a killed run is stale: the next run takes it over, says so, and finishes the jobs', async () => {
    const own = await startSimulator({ queuedMs: 200, processingMs: 1500, seed: 12 });
    try {
      const dir = tempDir();
      const file = writeJobs(dir, [job(1), job(2)]);
      const first = start(['batch', file, '--base-url', own.url], { cwd: dir });
      await journaled(join(dir, 'jobs.journal.jsonl'), 2);
      first.child.kill('SIGKILL');
      await first.done;
      expect(existsSync(join(dir, 'jobs.journal.jsonl.lock'))).toBe(true);
      const again = await vidu(['batch', file, '--base-url', own.url, '--json'], { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(new RegExp(`pid ${first.child.pid}.*ended without releasing it`));
      expect(JSON.parse(again.stdout).counts.succeeded).toBe(2);
      expect(own.counts().tasksCreated).toBe(2);
    } finally {
      await own.close();
    }
  });
});

describe('checked before anything is sent', () => {
  test.concurrent('two jobs with the same output file: exit 2 naming both lines (P8)', async () => {
    const own = await startSimulator({});
    try {
      const dir = tempDir();
      const file = writeJobs(dir, [job(1), job(2, { out: 'same.mp4' }), job(3, { out: 'same.mp4' })]);
      const r = await vidu(['batch', file, '--base-url', own.url, '--json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/lines 2, 3 out.*same\.mp4/);
      expect(JSON.parse(r.stdout).issues.some((i: { flag: string }) => i.flag === 'lines 2, 3 out')).toBe(true);
      expect(own.counts().submitAttempts).toBe(0);
    } finally {
      await own.close();
    }
  });

  test.concurrent('a line that is not UTF-8: exit 2 naming the line and the byte, nothing sent (K9)', async () => {
    const own = await startSimulator({});
    try {
      const dir = tempDir();
      writeJobs(dir, []);
      const file = join(dir, 'jobs.jsonl');
      const bad = Buffer.concat([Buffer.from('{"model":"q1-reference","prompt":"caf'), Buffer.from([0xe9]), Buffer.from('","images":["me.png"],"out":"b.mp4"}\n')]);
      writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(job(1))}\n`), bad]));
      const r = await vidu(['batch', file, '--base-url', own.url], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/line 2\): not valid UTF-8: byte 0xe9 at column 38/);
      expect(own.counts().submitAttempts).toBe(0);
    } finally {
      await own.close();
    }
  });
});

test('--json batch of 10,000 jobs to a slow reader: the document is complete (P9)', async () => {
  const dir = tempDir();
  // 10,000 jobs, each with a problem: a large --json document, produced without any network.
  const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ model: 'q1-reference', prompt: `p${i}`, images: [`missing-${i}.png`] }));
  const file = join(dir, 'jobs.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const child = spawn(process.execPath, [BIN, '--json', 'batch', file, '--base-url', 'http://127.0.0.1:9'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.pause();
  // Read nothing until the child has exited (or has waited long enough for the pipe to drain).
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 4000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text.length).toBeGreaterThan(1_000_000);
  const doc = JSON.parse(text);
  expect(code).toBe(2);
  expect(doc.issues).toHaveLength(10_000);
}, 60_000);

describe('resume', () => {
  test('interrupted on the embedded simulator: no resume hint; the rerun submits them anew instead of looping on TASK_NOT_FOUND (P10)', async () => {
    const dir = tempDir();
    const file = writeJobs(dir, [job(1), job(2), job(3)]);
    const first = start(['batch', file, '-c', '3'], { cwd: dir });
    await first.waitFor(/submitted[\s\S]*submitted[\s\S]*submitted/);
    first.child.kill('SIGINT');
    const r = await first.done;
    expect(r.code).toBe(130);
    expect(r.stderr).not.toMatch(/resume with/);
    expect(r.stderr).toMatch(/embedded simulator.*cannot be resumed/);
    const again = await vidu(['batch', file, '-c', '3', '--json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/3 jobs in the journal ran on an embedded simulator that has stopped/);
    expect(again.stderr).not.toMatch(/TASK_NOT_FOUND/);
    for (let i = 1; i <= 3; i++) expect(isMp4(join(dir, `out-${i}.mp4`))).toBe(true);
  }, 60_000);

  test('a task the server does not know: the row says so and names the server the journal has', async () => {
    const dir = tempDir();
    const file = writeJobs(dir, [job(1)]);
    const other = await startSimulator({ queuedMs: 100, processingMs: 100_000, seed: 13 });
    const first = start(['batch', file, '--base-url', other.url], { cwd: dir });
    await first.waitFor(/submitted/);
    first.child.kill('SIGINT');
    await first.done;
    await other.close();
    const again = await vidu(['batch', file, '--base-url', sim.url, '--json'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`submitted to ${other.url}, but this run uses ${sim.url}`);
    expect(JSON.parse(again.stdout).jobs[0].detail).toMatch(/does not know this task \(TASK_NOT_FOUND\)/);
    // The way out, and no "rerun to retry" hint that would fail the same way again.
    expect(again.stderr).toMatch(/unknown to .*the journal says .*--journal <new file>/);
    expect(again.stderr).not.toMatch(/rerun to retry/);
  }, 60_000);

  test('stale .part files of this batch are removed on the rerun (22.4)', async () => {
    const dir = tempDir();
    const file = writeJobs(dir, [job(1)]);
    const part = join(dir, '.out-1.mp4.0123456789ab.part');
    const foreign = join(dir, '.other.mp4.0123456789ab.part');
    writeFileSync(part, Buffer.alloc(4096));
    writeFileSync(foreign, Buffer.alloc(16));
    const r = await vidu(['batch', file, '--base-url', sim.url], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(foreign)).toBe(true);
    expect(r.stderr).toContain('.out-1.mp4.0123456789ab.part');
  });
});

test('-c 16 with 16 jobs: no MaxListenersExceededWarning or other warning (22.5)', async () => {
  const dir = tempDir();
  const file = writeJobs(dir, Array.from({ length: 16 }, (_, i) => job(i + 1)));
  const r = await vidu(['batch', file, '-c', '16', '--base-url', sim.url], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/Warning/);
}, 60_000);

test('the summary goes to stdout and fits 120 columns when not a terminal (19.11)', async () => {
  const dir = tempDir();
  const file = writeJobs(dir, [job(1, { prompt: 'please [fail] with a reason long enough to need wrapping in the table' }), job(2)]);
  const r = await vidu(['batch', file, '--base-url', sim.url], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/line\s*│?\s*model/);
  expect(r.stdout).toMatch(/1 succeeded, 1 failed/);
  for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
  expect(readFileSync(join(dir, 'jobs.journal.jsonl'), 'utf8')).toContain('"event":"failed"');
});

test('one poll budget for the whole batch (--polls-per-minute): never more polls in a rolling window than it allows', async () => {
  const own = await startSimulator({ queuedMs: 200, processingMs: 2500, seed: 14 });
  // A proxy that notes when each status poll arrives.
  const polls: number[] = [];
  const proxy = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.includes('task-result')) polls.push(performance.now());
    const up = request(new URL(req.url!, own.url), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  try {
    const dir = tempDir();
    const file = writeJobs(dir, Array.from({ length: 8 }, (_, i) => job(i + 1)));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const r = await vidu(['batch', file, '-c', '8', '--polls-per-minute', '60', '--base-url', url], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/at most 60 polls a minute/);
    // 60 a minute, evenly spaced: one a second. Eight tasks polled each on its own would put
    // several polls in the same second.
    for (let i = 0; i < polls.length; i++) {
      const inWindow = polls.filter((t) => t >= polls[i]! && t < polls[i]! + 2000).length;
      expect(inWindow, `polls in the 2 s after poll ${i}`).toBeLessThanOrEqual(3);
    }
    expect(polls.length).toBeGreaterThanOrEqual(8);
  } finally {
    proxy.close();
    await own.close();
  }
}, 90_000);
