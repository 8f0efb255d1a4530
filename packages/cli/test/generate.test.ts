// End to end: the built `vidu` as a child process against a real simulator on loopback.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, isMp4, PNG, start, tempDir, vidu } from './helpers.js';

/** The start of a colour (or any CSI) sequence. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let sim: SimulatorHandle;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 200, processingMs: 800 });
  dir = tempDir();
});
afterAll(async () => {
  await sim?.close();
});

const MODEL_ARGS: Record<string, string[]> = {
  'q2-pro-fast': ['--prompt', '@1 walks through sunflowers', '--subject', `1=${PNG}`, '--duration', '5'],
  'q2-reference': ['--prompt', '@1 waves', '--subject', `1=${PNG},${PNG}`, '--resolution', '540p', '--audio'],
  'q1-reference': ['--prompt', 'a figure in a field', '--image', PNG, '--aspect', '1:1', '--movement', 'large', '--bgm'],
  'q2-pro-multiframe': ['--start-image', PNG, '--keyframe', `${PNG}:2:the camera pushes in`, '--keyframe', `${PNG}:3`],
};

describe('vidu generate', () => {
  test.concurrent.each(Object.keys(MODEL_ARGS))('%s makes a real MP4 (exit 0)', async (model) => {
    const out = join(dir, `${model}.mp4`);
    const r = await vidu(['generate', model, ...MODEL_ARGS[model]!, '--out', out, '--base-url', sim.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(isMp4(out)).toBe(true);
    expect(r.stderr).toMatch(/task [0-9a-f-]{8,} submitted/);
    expect(r.stdout).toContain(`saved ${out}`);
    // Not a TTY: plain progress lines, no escape codes.
    expect(r.stderr).toMatch(/processing|succeeded/);
    expect(r.stderr + r.stdout).not.toMatch(ANSI);
  });

  test.concurrent('--json prints one parseable document with the task id and file', async () => {
    const out = join(dir, 'json.mp4');
    const r = await vidu(['generate', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--out', out, '--base-url', sim.url, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, exitCode: 0, model: 'q1-reference', operationId: 'submitQ1Reference', file: out });
    expect(doc.taskId).toMatch(/\S/);
    expect(doc.result.status).toBe('TASK_STATUS_SUCCEED');
  });

  test.concurrent('exit 1 when the task fails, with the task id printed', async () => {
    const r = await vidu(['generate', 'q1-reference', '--prompt', 'this one will [fail]', '--image', PNG, '--out', join(dir, 'fail.mp4'), '--base-url', sim.url]);
    expect(r.code, r.stderr).toBe(1);
    const id = /task (\S+) submitted/.exec(r.stderr)?.[1];
    expect(id).toBeTruthy();
    expect(r.stderr).toMatch(new RegExp(`task ${id} failed`));
    expect(existsSync(join(dir, 'fail.mp4'))).toBe(false);
    const j = await vidu(['generate', 'q1-reference', '--prompt', 'again [fail]', '--image', PNG, '--base-url', sim.url, '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, exitCode: 1, error: { name: 'TaskFailedError' } });
  });

  test.concurrent('exit 2 lists every problem and sends nothing', async () => {
    const sim = await startSimulator({});
    const before = sim.counts().submitAttempts;
    const r = await vidu([
      'generate', 'q2-pro-fast', '--prompt', 'x', '--subject', '1=missing.png', '--duration', '99', '--resolution', '4k',
      '--seed', 'abc', '--keyframe', 'a.png:3', '--base-url', sim.url,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing was sent \(5 problems\)/);
    for (const needle of ['--seed', 'missing.png', '--keyframe', 'duration (--duration)', 'resolution (--resolution)']) expect(r.stderr).toContain(needle);
    const j = await vidu(['generate', 'q1-reference', '--prompt', 'x', '--duration', '6', '--base-url', sim.url, '--json']);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.stdout);
    expect(doc.issues.map((i: { path: string }) => i.path).sort()).toEqual(['duration', 'images']);
    expect((await vidu(['generate', 'q9-unknown', '--prompt', 'x'])).code).toBe(2);
    expect((await vidu(['generate', 'q1-reference', '--bogus-flag'])).code).toBe(2);
    expect(sim.counts().submitAttempts).toBe(before);
    await sim.close();
  });

  test('exit 130 on Ctrl-C during the wait, with the exact resume command, which then works', async () => {
    const slow = await startSimulator({ queuedMs: 500, processingMs: 8000, seed: 7 });
    try {
      const out = join(dir, 'resumed.mp4');
      const run = start(['generate', 'q1-reference', '--prompt', 'a slow cat', '--image', PNG, '--out', out, '--base-url', slow.url]);
      const [, id] = (await run.waitFor(/task (\S+) submitted/)) as unknown as [string, string];
      run.child.kill('SIGINT');
      const r = await run.done;
      expect(r.code, r.stderr).toBe(130);
      // It stopped waiting at once: the task was still running when the process had exited.
      expect(slow.tasks().find((t) => t.taskId === id)?.status).not.toBe('TASK_STATUS_SUCCEED');
      expect(r.stderr).toContain(`task ${id} keeps running`);
      const resume = /resume with: vidu (.+)$/m.exec(r.stderr)?.[1];
      expect(resume).toBe(`wait ${id} --out ${out} --base-url ${slow.url}`);
      const again = await vidu(resume!.split(' '));
      expect(again.code, again.stderr).toBe(0);
      expect(isMp4(out)).toBe(true);
      expect(slow.counts().tasksCreated).toBe(1);
    } finally {
      await slow.close();
    }
  });

  test('no key and no base URL: the embedded simulator, announced in one line', async () => {
    const cwd = tempDir();
    const r = await vidu(['generate', 'q2-pro-fast', '--prompt', '@1 walks', '--subject', `1=${PNG}`, '--out', 'v.mp4'], { cwd, env: cleanEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => /embedded simulator/.test(l))).toHaveLength(1);
    expect(isMp4(join(cwd, 'v.mp4'))).toBe(true);
  });
});
