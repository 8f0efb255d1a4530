// `vidu report` and the end of `vidu batch`, as child processes: one job and 10,000 (the page
// stays small: videos are referenced, never inlined), `--no-report`, and a report that cannot
// be written (a warning, never a failed batch).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PNG, tempDir, vidu } from './helpers.js';
import { bigBatch, pageJobs, writeJobs } from './report-fixtures.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 100, processingMs: 300 });
});
afterAll(async () => {
  await sim?.close();
});

function twoJobs(): string {
  const dir = tempDir();
  copyFileSync(PNG, join(dir, 'me.png'));
  writeJobs(join(dir, 'jobs.jsonl'), [
    { model: 'q1-reference', prompt: 'a cat yawns', images: ['me.png'], out: 'cat.mp4' },
    { model: 'q1-reference', prompt: 'a dog yawns', images: ['me.png'], out: 'dog.mp4' },
  ]);
  return dir;
}

const SAMPLE = new URL('../../simulator/assets/sample.mp4', import.meta.url).pathname;
/** "A few MB" for 10,000 jobs, without the videos. */
const MAX_BYTES_10K = 4 * 1024 * 1024;

const pageData = (file: string) => pageJobs(readFileSync(file, 'utf8'));

describe('vidu report', () => {
  test.concurrent('10,000 jobs: one page under 4 MB with every job in it', async () => {
    const dir = tempDir();
    copyFileSync(SAMPLE, join(dir, 'clip.mp4'));
    bigBatch(dir, 10_000, join(dir, 'clip.mp4'));
    const r = await vidu(['report', 'jobs.journal.jsonl', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, file: join(dir, 'report.html'), jobs: 10_000, counts: { succeeded: 9_000, failed: 800, 'in-doubt': 200 } });
    console.log(`report of 10,000 jobs: ${doc.bytes} bytes (${(doc.bytes / 10_000).toFixed(0)} per job)`);
    expect(doc.bytes).toBeLessThan(MAX_BYTES_10K);
    const jobs = pageData(doc.file);
    expect(jobs).toHaveLength(10_000);
    expect(jobs.filter((j) => j.video === 'clip.mp4')).toHaveLength(9_000);
  });

  test.concurrent('one job; no journal named and none here; a journal without its jobs file', async () => {
    const dir = tempDir();
    copyFileSync(SAMPLE, join(dir, 'clip.mp4'));
    bigBatch(dir, 1, join(dir, 'clip.mp4'));
    const one = await vidu(['report', '--out', 'sub/../one.html'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout.trim()).toBe('one.html');
    expect(one.stderr).toMatch(/1 job: 1 succeeded/);
    expect(pageData(join(dir, 'one.html'))).toMatchObject([{ status: 'succeeded', video: 'clip.mp4' }]);
    // Naming the jobs file instead of its journal means the same batch.
    const byJobs = await vidu(['report', 'jobs.jsonl', '--json'], { cwd: dir });
    expect(byJobs.code, byJobs.stderr).toBe(0);
    expect(JSON.parse(byJobs.stdout)).toMatchObject({ file: join(dir, 'report.html'), jobs: 1 });

    const empty = tempDir();
    const none = await vidu(['report', '--json'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).error.message).toMatch(/\[journal\]: no \*\.journal\.jsonl in/);
    const orphan = await vidu(['report', join(dir, 'jobs.journal.jsonl'), '--jobs', 'nope.jsonl'], { cwd: empty });
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/--jobs: nope\.jsonl does not exist/);
  });

  test.concurrent('vidu batch writes report.html at the end and names it in --json; --no-report does not', async () => {
    const dir = twoJobs();
    const r = await vidu(['batch', 'jobs.jsonl', '--base-url', sim.url, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).report).toBe(join(dir, 'report.html'));
    expect(r.stderr).toMatch(/^report: report\.html$/m);
    expect(pageJobs(readFileSync(join(dir, 'report.html'), 'utf8')).map((j) => j.video)).toEqual(['cat.mp4', 'dog.mp4']);

    const quiet = twoJobs();
    const q = await vidu(['batch', 'jobs.jsonl', '--base-url', sim.url, '--no-report', '--json'], { cwd: quiet });
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout).report).toBeUndefined();
    expect(existsSync(join(quiet, 'report.html'))).toBe(false);
  });

  test.concurrent('a report that cannot be written is a warning; the batch still succeeds', async () => {
    const dir = twoJobs();
    mkdirSync(join(dir, 'report.html'));
    const r = await vidu(['batch', 'jobs.jsonl', '--base-url', sim.url, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: could not write the report/);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, counts: { succeeded: 2 } });
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
