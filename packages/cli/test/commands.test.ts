// status, wait, download, models, colours, secrets, and the status contract against Prism.
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { startPrism } from '@vidukit/test-utils/prism';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, isMp4, PNG, tempDir, vidu } from './helpers.js';

/** The start of a colour (or any CSI) sequence. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let sim: SimulatorHandle;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 100, processingMs: 400, videoUrlTtlSeconds: 1 });
  dir = tempDir();
});
afterAll(async () => {
  await sim?.close();
});

async function finishedTask(): Promise<string> {
  const r = await vidu(['generate', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--out', join(dir, `${Math.random()}.mp4`), '--base-url', sim.url, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).taskId;
}

describe('task commands', () => {
  test.concurrent('status --json parses; wait prints the video URL', async () => {
    const id = await finishedTask();
    const s = await vidu(['status', id, '--base-url', sim.url, '--json']);
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.stdout);
    expect(doc).toMatchObject({ ok: true, taskId: id, status: 'TASK_STATUS_SUCCEED', isTerminal: true });
    expect(doc.videos[0].url).toMatch(/^http:\/\/127\.0\.0\.1/);
    const human = await vidu(['status', id, '--base-url', sim.url]);
    expect(human.stdout).toMatch(/status\s+succeeded/);
    const w = await vidu(['wait', id, '--base-url', sim.url]);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^http:\/\/127\.0\.0\.1.*\.mp4/m);
    const missing = await vidu(['status', 'no-such-task', '--base-url', sim.url, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.name).toBe('TaskNotFoundError');
  });

  test.concurrent('download after the video URL expired fetches a fresh one', async () => {
    const id = await finishedTask();
    const first = JSON.parse((await vidu(['status', id, '--base-url', sim.url, '--json'])).stdout);
    const oldUrl: string = first.videos[0].url;
    await new Promise((r) => setTimeout(r, 1600));
    const stale = await fetch(oldUrl);
    expect(stale.ok).toBe(false);
    await stale.body?.cancel();
    const out = join(dir, 'after-expiry.mp4');
    const d = await vidu(['download', id, '--out', out, '--base-url', sim.url, '--json']);
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ ok: true, taskId: id, file: out });
    expect(isMp4(out)).toBe(true);
  });

  test.concurrent('models are read from the spec', async () => {
    const r = await vidu(['models', '--json']);
    expect(r.code).toBe(0);
    const { models } = JSON.parse(r.stdout);
    expect(models.map((m: { name: string }) => m.name)).toEqual(['q2-pro-fast', 'q2-pro-multiframe', 'q1-reference', 'q2-reference']);
    const fast = models[0].fields;
    expect(fast.find((f: { name: string }) => f.name === 'duration')).toMatchObject({ required: true, minimum: 1, maximum: 10, default: 5 });
    expect(fast.find((f: { name: string }) => f.name === 'resolution').enum).toEqual(['720p', '1080p']);
    const multi = models[1].fields.find((f: { name: string }) => f.name === 'image_settings');
    expect(multi).toMatchObject({ minItems: 2, maxItems: 9 });
    expect(multi.items.find((f: { name: string }) => f.name === 'duration')).toMatchObject({ minimum: 2, maximum: 7 });
    const human = await vidu(['models', 'q1-reference']);
    expect(human.stdout).toContain('one of 16:9|9:16|1:1');
  });

  test.concurrent('colours: on with FORCE_COLOR, off when NO_COLOR is set or output is not a TTY', async () => {
    const forced = await vidu(['models', 'q1-reference'], { env: cleanEnv({ FORCE_COLOR: '1' }) });
    expect(forced.stdout).toMatch(ANSI);
    const noColor = await vidu(['models', 'q1-reference'], { env: cleanEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    expect(noColor.stdout).not.toMatch(ANSI);
    const invalid = await vidu(['generate', 'q1-reference', '--prompt', 'x'], { env: cleanEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).not.toMatch(ANSI);
    const plain = await vidu(['models']);
    expect(plain.stdout).not.toMatch(ANSI);
  });

  test.concurrent('the API key is never printed', async () => {
    const KEY = 'sk-live-SECRET-0123456789abcdef';
    const locked = await startSimulator({ apiKey: 'sk-the-right-key-000000', queuedMs: 50, processingMs: 100 });
    try {
      const wrong = await vidu(['generate', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--base-url', locked.url, '--api-key', KEY, '--json']);
      expect(wrong.code).toBe(1);
      expect(JSON.parse(wrong.stdout).error.name).toBe('AuthenticationError');
      expect(wrong.stdout + wrong.stderr).not.toContain(KEY);
      const viaEnv = await vidu(['status', 'abc', '--base-url', locked.url], { env: cleanEnv({ VIDU_API_KEY: KEY }) });
      expect(viaEnv.code).toBe(1);
      expect(viaEnv.stdout + viaEnv.stderr).not.toContain(KEY);
      const ok = await vidu(['generate', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--out', join(dir, 'key.mp4'), '--base-url', locked.url], {
        env: cleanEnv({ VIDU_API_KEY: 'sk-the-right-key-000000' }),
      });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout + ok.stderr).not.toContain('sk-the-right-key-000000');
    } finally {
      await locked.close();
    }
  });

  test.concurrent('--help everywhere, with examples', async () => {
    for (const cmd of [[], ['generate'], ['status'], ['wait'], ['download'], ['batch'], ['models'], ['mock']]) {
      const r = await vidu([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
    const noKey = await vidu(['status', 'abc']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('no API key');
  });
});

describe('contract', () => {
  test('status works against Prism serving the spec', async () => {
    const prism = await startPrism();
    try {
      const r = await vidu(['status', '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', '--base-url', prism.url, '--api-key', 'sk-prism-test-key', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.ok).toBe(true);
      expect(doc.status).toMatch(/^TASK_STATUS_/);
      expect(doc.taskId).toBeTruthy();
    } finally {
      await prism.stop();
    }
  });
});
