// What `vidu` prints: server text without terminal controls (P11), "no API key given" (19.5),
// `vidu submit` and --body (19.10, issue 16), and the message fixes of issue 19 item 12.
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, cleanEnv, isMp4, PNG, tempDir, vidu } from './helpers.js';

let sim: SimulatorHandle;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 200 });
  dir = tempDir();
});
afterAll(async () => {
  await sim?.close();
});

// Window title, bell, clear screen, cursor home, cursor up, a C1 CSI and a bidi override.
const EVIL = '\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[1A\u009b31m\u202e';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

async function hostile(status: 'TASK_STATUS_FAILED' | 'TASK_STATUS_SUCCEED'): Promise<{ url: string; server: Server }> {
  const taskId = `t${EVIL}1`;
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST') {
      req.resume();
      // The client refuses a submit answer whose id is not printable ASCII (in doubt, nothing
      // printed from it): the hostile text comes in the task's result instead.
      req.on('end', () => res.end(JSON.stringify({ task_id: 'evil-task-1' })));
      return;
    }
    const task = { task_id: taskId, status, reason: status === 'TASK_STATUS_FAILED' ? `bad ${EVIL} reason` : '' };
    res.end(JSON.stringify({ task, videos: status === 'TASK_STATUS_SUCCEED' ? [{ video_url: `https://example.com/v${EVIL}.mp4` }] : [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('server text is printed without terminal controls (P11)', () => {
  test.concurrent('vidu generate: the task id and the failure reason', async () => {
    const h = await hostile('TASK_STATUS_FAILED');
    try {
      for (const json of [[], ['--json']]) {
        const r = await vidu(['generate', 'q1-reference', '--prompt', 'x', '--image', 'https://example.com/a.png', '--base-url', h.url, '--out', join(dir, 'h.mp4'), ...json]);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toContain('\\x1b]0;pwned\\x07');
        expect(r.stderr + r.stdout).not.toMatch(RAW_CONTROL);
        if (json.length) expect(JSON.parse(r.stdout).error.name).toBe('TaskFailedError');
      }
    } finally {
      h.server.close();
    }
  });

  test.concurrent('vidu status: the task id, the reason and the video URL', async () => {
    const h = await hostile('TASK_STATUS_SUCCEED');
    try {
      const r = await vidu(['status', 'abc', '--base-url', h.url]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('https://example.com/v\\x1b]0;pwned');
      expect(r.stderr + r.stdout).not.toMatch(RAW_CONTROL);
      const j = await vidu(['status', 'abc', '--base-url', h.url, '--json']);
      expect(j.stdout).not.toMatch(RAW_CONTROL);
      expect(JSON.parse(j.stdout).videos[0].url).toBe(`https://example.com/v${EVIL}.mp4`);
    } finally {
      h.server.close();
    }
  });
});

test.concurrent('a local server that requires a key, and none given: "no API key given" (19.5)', async () => {
  const locked = await startSimulator({ apiKey: 'sk-the-right-key-000000' });
  try {
    const r = await vidu(['status', 'abc', '--base-url', locked.url, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no API key given, and the server at http:\/\/127\.0\.0\.1:\d+ requires one/);
    expect(r.stderr).not.toMatch(/Invalid API key/i);
    expect(JSON.parse(r.stdout).error.message).toMatch(/^no API key given/);
  } finally {
    await locked.close();
  }
  // No placeholder key is sent in its place: the request carries no Authorization at all.
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 401, reason: 'MISSING_API_KEY', message: 'no key' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const r = await vidu(['status', 'abc', '--base-url', `http://127.0.0.1:${(server.address() as AddressInfo).port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no API key given/);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((h) => h === undefined)).toBe(true);
  } finally {
    server.close();
  }
});

describe('vidu submit and --body', () => {
  test.concurrent('submit prints the task id alone on stdout and does not wait; --json too (19.10)', async () => {
    const r = await vidu(['submit', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--base-url', sim.url]);
    expect(r.code, r.stderr).toBe(0);
    const id = r.stdout.trim();
    expect(sim.tasks().some((t) => t.taskId === id)).toBe(true);
    expect(r.stderr).toContain(`vidu wait ${id} --base-url ${sim.url}`);
    const j = await vidu(['submit', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--base-url', sim.url, '--json']);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ ok: true, model: 'q1-reference', operationId: 'submitQ1Reference' });
    expect(sim.tasks().some((t) => t.taskId === doc.taskId)).toBe(true);
    const w = await vidu(['wait', id, '--base-url', sim.url, '--out', join(dir, 'submitted.mp4')]);
    expect(w.code, w.stderr).toBe(0);
    expect(isMp4(join(dir, 'submitted.mp4'))).toBe(true);
  });

  test.concurrent('generate --body job.json works for every model; a bad body is listed, nothing sent', async () => {
    const img = 'https://example.com/a.png';
    const bodies: Record<string, object> = {
      'q1-reference': { prompt: 'a cat', images: [img] },
      'q2-pro-fast': { prompt: '@1 waves', subjects: [{ name: '1', images: [img] }], duration: 5 },
      'q2-reference': { prompt: '@1 waves', subjects: [{ id: '1', images: [img] }], duration: 5 },
      'q2-pro-multiframe': { start_image: img, image_settings: [{ key_image: img, duration: 2 }, { key_image: img, duration: 3 }], resolution: '540p' },
    };
    for (const [model, body] of Object.entries(bodies)) {
      const file = join(dir, `${model}.json`);
      writeFileSync(file, JSON.stringify(body));
      const out = join(dir, `${model}-body.mp4`);
      const r = await vidu(['generate', model, '--body', file, '--out', out, '--base-url', sim.url]);
      expect(r.code, `${model}: ${r.stderr}`).toBe(0);
      expect(isMp4(out)).toBe(true);
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ prompt: 7 }));
    const before = sim.counts().submitAttempts;
    const r = await vidu(['generate', 'q1-reference', '--body', bad, '--prompt', 'also', '--base-url', sim.url, '--json']);
    expect(r.code).toBe(2);
    const flags = JSON.parse(r.stdout).issues.map((i: { flag?: string; path: string }) => i.flag ?? i.path);
    expect(flags).toContain('--prompt');
    expect(r.stderr).toMatch(/cannot be combined with --body/);
    expect(sim.counts().submitAttempts).toBe(before);
  });
});

describe('messages (19.12)', () => {
  test.concurrent('--image problems on a q2 model are reported under --image; --json issues carry the flag', async () => {
    const r = await vidu(['generate', 'q2-pro-fast', '--prompt', '@1 waves', '--image', join(dir, 'missing.png'), '--base-url', sim.url, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/subjects\[0\]\.images\[0\] \(--image\)/);
    expect(r.stderr).not.toMatch(/--subject/);
    const issues = JSON.parse(r.stdout).issues as { path: string; flag?: string }[];
    expect(issues.every((i) => typeof i.flag === 'string')).toBe(true);
  });

  test.concurrent('a prompt that references @2 with only subject 1 is refused before sending', async () => {
    const before = sim.counts().submitAttempts;
    const r = await vidu(['generate', 'q2-pro-fast', '--prompt', '@1 hands a flower to @2', '--subject', `1=${PNG}`, '--base-url', sim.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/prompt \(--prompt\): refers to @2, but the only subject given is 1/);
    expect(sim.counts().submitAttempts).toBe(before);
  });

  test.concurrent('an unreadable image names the file and says why, not a raw EACCES', async () => {
    const open = tempDir();
    chmodSync(open, 0o755);
    const file = join(open, 'locked.png');
    copyFileSync(PNG, file);
    chmodSync(file, 0o000);
    // root reads any file: run as nobody then, when nobody can reach the CLI (a checkout under a
    // private directory, such as a mkdtemp one, is closed to other users).
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const reachable = !('uid' in asNobody) || (await runAs(['--version'], asNobody)).code === 0;
    if (!reachable) {
      // Another unreadable image, readable as root: a directory given as the image.
      const r = await vidu(['generate', 'q1-reference', '--prompt', 'x', '--image', open, '--base-url', sim.url]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${open} is a directory, not an image file`);
      expect(r.stderr).not.toMatch(/EISDIR:/);
      return;
    }
    const r = await runAs(['generate', 'q1-reference', '--prompt', 'x', '--image', file, '--base-url', sim.url], asNobody);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/locked\.png.*permission denied \(EACCES\)/);
    expect(r.stderr).not.toMatch(/EACCES:/);
  });

  test.concurrent('an unreadable jobs file names the file and the reason', async () => {
    const r = await vidu(['batch', dir, '--base-url', sim.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*: it is a directory \(EISDIR\)/);
  });

  test.concurrent('models --help and mock --help list only options that do something there', async () => {
    const models = await vidu(['models', '--help']);
    expect(models.stdout).toContain('--json');
    const listed = (help: string, flag: string) => new RegExp(`^\\s+(-\\w, )?${flag}\\b`, 'm').test(help);
    expect(listed(models.stdout, '--json')).toBe(true);
    for (const flag of ['--provider', '--base-url', '--api-key']) expect(listed(models.stdout, flag), flag).toBe(false);
    const mock = await vidu(['mock', '--help']);
    expect(listed(mock.stdout, '--api-key')).toBe(true);
    for (const flag of ['--provider', '--base-url']) expect(listed(mock.stdout, flag), flag).toBe(false);
    expect(mock.stdout).toMatch(/anyone who can\s+reach --host/);
  });

  test.concurrent('the q1 duration limit reads as a number', async () => {
    const r = await vidu(['models', 'q1-reference']);
    expect(r.stdout).toMatch(/duration\s+integer, only 5/);
    expect(r.stdout).not.toMatch(/\["5"\]/);
    const bad = await vidu(['generate', 'q1-reference', '--prompt', 'x', '--image', PNG, '--duration', '8', '--base-url', sim.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/duration \(--duration\): must be 5/);
  });
});

function runAs(args: string[], ids: { uid?: number; gid?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(), cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
