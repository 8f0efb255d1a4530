// `vidu batch`: interruption and resume without a second submit, torn journal lines, summary.
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isMp4, PNG, start, tempDir, vidu } from './helpers.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 300, processingMs: 2000 });
});
afterAll(async () => {
  await sim?.close();
});

function jobsFile(dir: string, n: number, extra: object[] = []): string {
  copyFileSync(PNG, join(dir, 'me.png'));
  const models = [
    { model: 'q2-pro-fast', prompt: '@1 walks', subjects: { '1': ['me.png'] } },
    { model: 'q1-reference', prompt: 'a figure', images: ['me.png'] },
    { model: 'q2-reference', prompt: '@1 waves', subjects: [{ id: '1', images: ['me.png'] }], resolution: '540p' },
    { model: 'q2-pro-multiframe', start_image: 'me.png', keyframes: ['me.png:2:push in', { image: 'me.png', duration: 3 }] },
  ];
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ ...models[i % models.length], ...(i % models.length === 3 ? { resolution: '540p' } : { seed: i }), out: `out-${i + 1}.mp4` }));
  for (const e of extra) lines.push(JSON.stringify(e));
  const file = join(dir, 'jobs.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const journalLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('vidu batch', () => {
  test('Ctrl-C mid-run, then a rerun resumes: every job done, nothing submitted twice', async () => {
    const dir = tempDir();
    const file = jobsFile(dir, 5);
    const before = sim.counts().tasksCreated;
    const run = start(['batch', file, '--concurrency', '2', '--base-url', sim.url], { cwd: dir });
    await run.waitFor(/submitted[\s\S]*submitted/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/resume with: vidu batch/);
    expect(r.stderr).toMatch(/interrupted/);
    const journal = join(dir, 'jobs.journal.jsonl');
    const submitted = journalLines(journal).filter((l) => JSON.parse(l).event === 'submitted');
    expect(submitted.length).toBeGreaterThanOrEqual(2);
    expect(sim.counts().tasksCreated - before).toBe(submitted.length);

    // A kill in the middle of a write leaves a torn last line: it must not break the resume.
    appendFileSync(journal, '{"v":1,"event":"submitted","key":"torn');

    const again = await vidu(['batch', file, '--concurrency', '3', '--base-url', sim.url, '--json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/skipped unreadable line/);
    expect(again.stderr).toMatch(/already in the journal: resuming/);
    const doc = JSON.parse(again.stdout);
    expect(doc.counts.succeeded).toBe(5);
    expect(sim.counts().tasksCreated - before).toBe(5);
    for (let i = 1; i <= 5; i++) expect(isMp4(join(dir, `out-${i}.mp4`))).toBe(true);
    // The ids of the first run were waited for, not resubmitted.
    const ids = doc.jobs.map((j: { taskId: string }) => j.taskId);
    for (const l of submitted) expect(ids).toContain(JSON.parse(l).taskId);

    // A third run has nothing left to do.
    const third = await vidu(['batch', file, '--base-url', sim.url], { cwd: dir });
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/5 skipped/);
    expect(sim.counts().tasksCreated - before).toBe(5);
  });

  test('SIGKILL mid-run: the rerun never submits a job twice', async () => {
    const own = await startSimulator({ queuedMs: 300, processingMs: 1500, seed: 3 });
    try {
      const dir = tempDir();
      const file = jobsFile(dir, 4);
      const run = start(['batch', file, '--concurrency', '4', '--base-url', own.url], { cwd: dir });
      await run.waitFor(/submitted/);
      run.child.kill('SIGKILL');
      await run.done;
      const again = await vidu(['batch', file, '--concurrency', '4', '--base-url', own.url, '--json'], { cwd: dir });
      const doc = JSON.parse(again.stdout);
      // A submit cut off between its request and its journal line is reported, not resubmitted.
      expect(doc.counts.succeeded + doc.counts.unknown).toBe(4);
      expect(again.code).toBe(doc.counts.unknown ? 1 : 0);
      expect(own.counts().tasksCreated).toBeLessThanOrEqual(4);
      expect(own.counts().submitAttempts).toBeLessThanOrEqual(4);
    } finally {
      await own.close();
    }
  });

  test.concurrent('invalid jobs: exit 2, every problem with its line, nothing sent', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, ['{"model": "q1-reference", "prompt": "ok", "images": ["nope.png"]}', '{not json', '{"model": "q2-pro-fast", "prompt": "x", "subjects": {"1": ["https://example.com/a.png"]}, "duration": 11}', '{"model": "q7"}'].join('\n'));
    const own = await startSimulator({});
    const r = await vidu(['batch', file, '--base-url', own.url]);
    expect(r.code).toBe(2);
    for (const needle of ['line 1', 'nope.png', 'line 2', 'not valid JSON', 'line 3', 'duration', 'line 4']) expect(r.stderr).toContain(needle);
    expect(own.counts().submitAttempts).toBe(0);
    await own.close();
  });

  test.concurrent('a failed task: exit 1, shown in the summary table', async () => {
    const dir = tempDir();
    const file = jobsFile(dir, 1, [{ model: 'q1-reference', prompt: 'please [fail]', images: ['me.png'], out: 'f.mp4' }]);
    const r = await vidu(['batch', file, '--base-url', sim.url], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    // The summary is the run's result: on stdout, so `> summary.txt` keeps it.
    expect(r.stdout).toMatch(/line\s*│?\s*model/);
    expect(r.stdout).toMatch(/1 succeeded, 1 failed/);
  });
});
