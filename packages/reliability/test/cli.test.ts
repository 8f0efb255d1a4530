/**
 * The real `vidu` binary as a child process: prompt exit on Ctrl-C (SIGINT) with the task id
 * printed, the API key absent from every output and journal, writes that survive SIGKILL,
 * and hostile files and bytes given clear errors.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViduClient } from '@vidukit/client';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { runCli, spawnCli } from '../src/cli.js';
import { startHostileServer } from '../src/hostile-server.js';
import { CANARY_KEY as KEY, leaks } from '../src/secrets.js';
import { startServer, type TestServer } from '../src/servers.js';

let slow: SimulatorHandle;
let fast: SimulatorHandle;
let hostile: TestServer;
let dir: string;
const IMG = 'https://example.com/a.png';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vidukit-cli-'));
  slow = await startSimulator({ queuedMs: 200, processingMs: 600_000 });
  fast = await startSimulator({ queuedMs: 50, processingMs: 100 });
  hostile = await startHostileServer(() => hostile.url);
});
afterAll(async () => {
  await Promise.all([slow.close(), fast.close(), hostile.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Ctrl-C', () => {
  it('SIGINT during `vidu generate`: exit 130 within 3 s, task id printed, one task created', async () => {
    const before = slow.counts().tasksCreated;
    const run = spawnCli(['generate', 'q1-reference', '--prompt', 'a cat', '--image', IMG, '--base-url', slow.url, '--out', join(dir, 'never.mp4')]);
    const [, taskId] = await run.waitFor(/task (\S+) submitted/);
    await sleep(400); // well into the wait
    const t0 = Date.now();
    run.child.kill('SIGINT');
    const { code, at } = await run.exited;
    expect(code).toBe(130);
    expect(at - t0).toBeLessThan(3_000);
    const output = run.stdout() + run.stderr();
    expect(output).toMatch(/interrupted/);
    expect(output.split(taskId!).length).toBeGreaterThan(2); // at submit and again at the interrupt
    expect(output).toContain(`vidu wait ${taskId}`);
    expect(slow.counts().tasksCreated - before).toBe(1);
    console.log(`SIGINT during generate: exit ${code} after ${at - t0} ms`);
  });

  it('SIGINT during `vidu wait <task>`: exit 130 within 3 s, task id printed', async () => {
    const { task_id } = await createViduClient({ apiKey: 'k-local-0000', baseUrl: slow.url }).submitQ1Reference({ images: [IMG], prompt: 'a dog' });
    const run = spawnCli(['wait', task_id, '--base-url', slow.url]);
    await run.waitFor(new RegExp(`${task_id}|queued|processing|waiting`, 'i'), 10_000).catch(() => sleep(800));
    await sleep(300);
    const t0 = Date.now();
    run.child.kill('SIGINT');
    const { code, at } = await run.exited;
    expect(code).toBe(130);
    expect(at - t0).toBeLessThan(3_000);
    expect(run.stdout() + run.stderr()).toContain(task_id);
    console.log(`SIGINT during wait: exit ${code} after ${at - t0} ms`);
  });
});

describe('the API key never appears in CLI output or journal', () => {
  const cases: [string, string[]][] = [
    ['status 400 echoing the key', ['status', 'bad-request']],
    ['status 401', ['status', 'unauthorized']],
    ['status 502 HTML', ['status', 'html']],
    ['status 503 text', ['status', 'text']],
    ['status reset', ['status', 'reset']],
    ['wait: task failed with the key in its reason', ['wait', 'failed-task']],
    ['wait: timeout', ['wait', 'queued', '--timeout', '0.3']],
    ['generate: submit in doubt', ['generate', 'q1-reference', '--prompt', 'server', '--image', IMG]],
    ['generate: submit rejected', ['generate', 'q1-reference', '--prompt', 'bad-request', '--image', IMG]],
    ['download refused by storage', ['download', 'succeeded', '--out', 'DIR/out.mp4']],
  ];
  it(`${cases.length} failure paths, each with --api-key and with VIDU_API_KEY + --json: no key in stdout or stderr`, async () => {
    const seen = hostile.requests.length;
    const runs = cases.flatMap(([name, args]) => {
      const a = args.map((x) => x.replace('DIR', dir));
      return [
        { name: `${name} --api-key`, args: [...a, '--base-url', hostile.url, '--api-key', KEY], env: {} },
        { name: `${name} VIDU_API_KEY --json`, args: [...a, '--base-url', hostile.url, '--json'], env: { VIDU_API_KEY: KEY } },
      ];
    });
    // Four at a time: each is a real process.
    const results: { name: string; code: number | null; stdout: string; stderr: string }[] = [];
    for (let i = 0; i < runs.length; i += 4) {
      results.push(...(await Promise.all(runs.slice(i, i + 4).map(async (r) => ({ name: r.name, ...(await runCli(r.args, { env: r.env })) })))));
    }
    for (const r of results) {
      expect(r.code, r.name).not.toBe(0);
      expect(leaks({ stdout: r.stdout, stderr: r.stderr }), r.name).toEqual([]);
      expect(r.stderr, r.name).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no raw stack trace
    }
    // Not vacuous: the key was sent, and the server echoed it.
    expect(hostile.requests.slice(seen).filter((q) => q.headers.authorization === `Bearer ${KEY}`).length).toBeGreaterThanOrEqual(runs.length);
  }, 60_000);

  it('a connection failure names no key', async () => {
    const r = await runCli(['status', 'x', '--base-url', 'http://127.0.0.1:9', '--api-key', KEY]);
    expect(r.code).toBe(1);
    expect(leaks({ stdout: r.stdout, stderr: r.stderr })).toEqual([]);
  });

  it('batch: journal, stdout and stderr hold no key (rejected, in-doubt and failed jobs)', async () => {
    const jobs = join(dir, 'secret-jobs.jsonl');
    writeFileSync(jobs, ['bad-request', 'server', 'malformed', 'unauthorized'].map((p) => JSON.stringify({ model: 'q1-reference', prompt: p, images: [IMG] })).join('\n'));
    const r = await runCli(['batch', jobs, '--base-url', hostile.url, '--json'], { env: { VIDU_API_KEY: KEY } });
    const journal = readFileSync(join(dir, 'secret-jobs.journal.jsonl'), 'utf8');
    expect(journal.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(8);
    expect(leaks({ journal, stdout: r.stdout, stderr: r.stderr })).toEqual([]);
  });
});

describe('writes that survive SIGKILL', () => {
  it('download: an existing file stays whole when the CLI is killed mid-download', async () => {
    const out = join(dir, 'video.mp4');
    writeFileSync(out, 'OLD VIDEO, WHOLE');
    let wrote = 0;
    const storage = await startServer(async (req, res) => {
      if (req.url?.startsWith('/v3/async/task-result')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ task: { task_id: 't-1', status: 'TASK_STATUS_SUCCEED', reason: '' }, videos: [{ video_url: `http://${req.headers.host}/v.mp4`, video_url_ttl: '3600', video_type: 'mp4' }] }));
      }
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(8 * 1024 * 1024) });
      res.write(Buffer.alloc(1024 * 1024, 7), () => {
        wrote = 1024 * 1024;
      });
      // ...and the rest never comes.
    });
    try {
      const run = spawnCli(['download', 't-1', '--out', out, '--base-url', storage.url, '--api-key', KEY]);
      for (let i = 0; i < 100 && wrote === 0; i++) await sleep(50);
      expect(wrote).toBeGreaterThan(0);
      await sleep(300); // the CLI is now writing the first megabyte somewhere
      run.child.kill('SIGKILL');
      await run.exited;
      expect(readFileSync(out, 'utf8')).toBe('OLD VIDEO, WHOLE');
      const leftovers = readdirSync(dir).filter((f) => f.includes('video.mp4') && f !== 'video.mp4');
      console.log(`download killed mid-write: destination intact; temp files left: ${JSON.stringify(leftovers)}`);
    } finally {
      await storage.close();
    }
  });

  it('batch journal: records written before a SIGKILL stay whole and readable', async () => {
    const sub = join(dir, 'killed');
    mkdirSync(sub);
    const jobs = join(sub, 'jobs.jsonl');
    writeFileSync(jobs, Array.from({ length: 8 }, (_, i) => JSON.stringify({ model: 'q1-reference', prompt: `job ${i}`, images: [IMG] })).join('\n'));
    const journalPath = join(sub, 'jobs.journal.jsonl');
    const run = spawnCli(['batch', jobs, '--base-url', slow.url, '--concurrency', '8']);
    for (let i = 0; i < 200; i++) {
      if (existsSync(journalPath) && (readFileSync(journalPath, 'utf8').match(/"submitted"/g) ?? []).length >= 4) break;
      await sleep(25);
    }
    const before = readFileSync(journalPath, 'utf8');
    run.child.kill('SIGKILL');
    await run.exited;
    const after = readFileSync(journalPath, 'utf8');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('\n') + 1))).toBe(true);
    const lines = after.split('\n').filter(Boolean);
    const parsed = lines.filter((l) => { try { JSON.parse(l); return true; } catch { return false; } });
    expect(lines.length - parsed.length).toBeLessThanOrEqual(1); // at most a torn last line
    const ids = parsed.map((l) => JSON.parse(l) as { event: string; taskId?: string }).filter((r) => r.event === 'submitted').map((r) => r.taskId);
    // Every task the simulator created for these jobs is in the journal, or its submit is marked pending.
    const created = slow.tasks().filter((t) => /job \d/.test(JSON.stringify(t.body))).map((t) => t.taskId);
    const pending = parsed.map((l) => JSON.parse(l) as { event: string; key: string }).filter((r) => r.event === 'submitting').length - ids.length;
    expect(created.filter((id) => !ids.includes(id)).length).toBeLessThanOrEqual(pending);
  });
});

describe('hostile files and bytes through the CLI', () => {
  it('a directory, a 0-byte file, a truncated PNG, a text file named .png and a GIF: every one named, nothing sent', async () => {
    const png = readFileSync(join(dirname(), 'fixtures', 'tiny.png'));
    writeFileSync(join(dir, 'empty.png'), '');
    writeFileSync(join(dir, 'truncated.png'), png.subarray(0, 20));
    writeFileSync(join(dir, 'text.png'), 'hello, I am not an image');
    writeFileSync(join(dir, 'gif.png'), Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]));
    mkdirSync(join(dir, 'folder.png'));
    const before = fast.counts().submitAttempts;
    const bad = ['folder.png', 'empty.png', 'truncated.png', 'text.png', 'gif.png', 'missing.png'];
    const r = await runCli(['generate', 'q1-reference', '--prompt', 'x', ...bad.flatMap((f) => ['--image', join(dir, f)]), '--base-url', fast.url]);
    expect(r.code).toBe(2);
    for (const f of bad) expect(r.stdout + r.stderr, f).toContain(f);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(fast.counts().submitAttempts).toBe(before);
  });

  it('invalid UTF-8 in a jobs file (K9): exit 2 naming the line, nothing sent', async () => {
    const jobs = join(dir, 'latin1.jsonl');
    const good = `${JSON.stringify({ model: 'q1-reference', prompt: 'fine', images: [IMG], out: 'k1.mp4' })}\n`;
    const bad = Buffer.concat([Buffer.from('{"model":"q1-reference","prompt":"bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`","images":["${IMG}"],"out":"k2.mp4"}\n`)]);
    writeFileSync(jobs, Buffer.concat([Buffer.from(good), bad]));
    const before = fast.counts().submitAttempts;
    const r = await runCli(['batch', jobs, '--base-url', fast.url, '--json'], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2\): not valid UTF-8: byte 0xff at column 39/);
    expect(JSON.parse(r.stdout).issues).toEqual([expect.objectContaining({ flag: 'line 2' })]);
    expect(fast.counts().submitAttempts).toBe(before);
  });

  it('NUL and lone surrogates in a jobs file: no crash; what is sent is valid JSON', async () => {
    const jobs = join(dir, 'odd.jsonl');
    const lines = [
      `${JSON.stringify({ model: 'q1-reference', prompt: 'nul\u0000byte', images: [IMG], out: 'o1.mp4' })}\n`,
      `${JSON.stringify({ model: 'q1-reference', prompt: 'lone \ud800 surrogate', images: [IMG], out: 'o2.mp4' })}\n`,
    ];
    writeFileSync(jobs, lines.join(''));
    const before = fast.tasks().length;
    const r = await runCli(['batch', jobs, '--base-url', fast.url, '--json'], { timeoutMs: 20_000 });
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const sent = fast.tasks().slice(before).map((t) => (t.body as { prompt: string }).prompt);
    console.log(`odd prompts: exit ${r.code}; prompts that reached the server: ${JSON.stringify(sent)}`);
    for (const p of sent) expect(JSON.parse(JSON.stringify(p))).toBe(p);
  });
});

function dirname(): string {
  return new URL('.', import.meta.url).pathname;
}
