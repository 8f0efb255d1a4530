// The journal's disk fills (22.1) or is read-only (22.6). Both need a small file system of
// their own: a tmpfs in a private mount namespace (`unshare -m`, as root), held open by a
// `sleep` so that several runs see the same files. Where that is not possible the suite is
// skipped with a notice; under CI it is never skipped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, cleanEnv, isMp4, PNG, tempDir, type RunResult } from './helpers.js';

function privateMountsWork(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; rmdir "$d"'], { stdio: 'ignore' });
  return r.status === 0;
}
const supported = privateMountsWork();
if (!supported) {
  if (process.env.CI) throw new Error('journal-disk.test.ts: private tmpfs mounts (unshare -m as root) are required under CI');
  console.warn('NOTICE: journal-disk.test.ts skipped: it needs root and `unshare -m` to mount a small tmpfs');
}

/** A mount namespace kept alive by a sleeping process; files inside are reached through /proc. */
class Namespace {
  private constructor(private readonly holder: ChildProcess) {}
  static start(): Namespace {
    return new Namespace(spawn('unshare', ['-m', '--propagation', 'private', 'sleep', '600'], { stdio: 'ignore' }));
  }
  sh(script: string): void {
    const r = spawnSync('nsenter', ['-t', String(this.holder.pid), '-m', 'sh', '-c', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  }
  /** A path inside the namespace, as seen from outside. */
  path(p: string): string {
    return `/proc/${this.holder.pid}/root${p}`;
  }
  vidu(args: string[], cwd: string): { child: ChildProcess; done: Promise<RunResult> } {
    const child = spawn('nsenter', ['-t', String(this.holder.pid), '-m', `--wd=${cwd}`, '--', process.execPath, BIN, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const t0 = Date.now();
    const done = new Promise<RunResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 })));
    return { child, done };
  }
  stop(): void {
    this.holder.kill('SIGKILL');
  }
}

/** A proxy that holds every submit until `release()`: the submits are then all in flight. */
async function gate(target: string): Promise<{ url: string; held(): number; release(): void; close(): Promise<void> }> {
  const waiting: (() => void)[] = [];
  let open = false;
  const forward = (req: IncomingMessage, body: Buffer, res: import('node:http').ServerResponse) => {
    const up = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const go = () => forward(req, Buffer.concat(chunks), res);
      if (req.method === 'POST' && !open) waiting.push(go);
      else go();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => waiting.length,
    release: () => {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!supported)('the journal on a small or read-only file system', () => {
  let sim: SimulatorHandle;
  let ns: Namespace;
  beforeAll(async () => {
    sim = await startSimulator({ queuedMs: 100, processingMs: 300, seed: 21 });
    ns = Namespace.start();
  });
  afterAll(async () => {
    ns?.stop();
    await sim?.close();
  });

  test('disk full while 8 submits are in flight: every created task id is printed with its job, exit 3; the next run recovers them (22.1)', async () => {
    const proxy = await gate(sim.url);
    try {
      const work = tempDir();
      const disk = tempDir();
      ns.sh(`mount -t tmpfs -o size=64k tmpfs ${disk}`);
      copyFileSync(PNG, join(work, 'me.png'));
      const jobs = Array.from({ length: 8 }, (_, i) => JSON.stringify({ model: 'q1-reference', prompt: `job ${i + 1}`, images: ['me.png'], out: `out-${i + 1}.mp4` }));
      writeFileSync(join(work, 'jobs.jsonl'), `${jobs.join('\n')}\n`);
      const journal = join(disk, 'jobs.journal.jsonl');
      const args = ['batch', 'jobs.jsonl', '-c', '8', '--journal', journal, '--base-url', proxy.url, '--json'];
      const first = ns.vidu(args, work);
      await until(() => proxy.held() === 8, '8 submits in flight');

      // Fill the disk: pad the journal to 40 bytes short of its last page (the next record is
      // then torn part-way), and take every free page with a filler file.
      const inside = ns.path(journal);
      const size = statSync(inside).size;
      let pad = Math.ceil(size / 4096) * 4096 - size - 40;
      if (pad < 80) pad += 4096;
      const head = '{"v":1,"event":"note","key":"padding","x":"';
      appendFileSync(inside, `${head}${'x'.repeat(pad - head.length - 3)}"}\n`);
      ns.sh(`cat /dev/zero > ${disk}/filler 2>/dev/null; true`);
      proxy.release();

      const r = await first.done;
      expect(r.code, r.stderr).toBe(3);
      expect(sim.counts().tasksCreated).toBe(8);
      const doc = JSON.parse(r.stdout);
      expect(doc.error.code).toBe('ENOSPC');
      const ids = sim.tasks().map((t) => t.taskId);
      expect(doc.unjournaled.map((u: { taskId: string }) => u.taskId).sort()).toEqual([...ids].sort());
      for (const u of doc.unjournaled) {
        expect(u.job).toBe(jobs[u.line - 1]);
        expect(r.stderr).toContain(`line ${u.line} (q1-reference): task ${u.taskId}`);
      }
      expect(r.stderr).toMatch(/8 tasks were created but could not be written to the journal/);
      // The torn record was cut back: every line of the journal still reads.
      for (const line of readFileSync(inside, 'utf8').split('\n').filter(Boolean)) JSON.parse(line);

      // Had cutting the record back failed too, a torn line would remain: the next run must
      // name the real cause (the failed write), not "a kill". Leave one, as that would.
      appendFileSync(inside, '{"v":1,"event":"submitted","key":"torn');

      // Space comes back; the same command finds the ids in the lock, journals them, and
      // finishes the jobs without submitting anything again.
      unlinkSync(ns.path(`${disk}/filler`));
      const second = await ns.vidu(args, work).done;
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/stopped because it could not write the journal: ENOSPC/);
      expect(second.stderr).toMatch(/skipped unreadable line\(s\) \d+, cut short by a write that failed \(ENOSPC/);
      expect(second.stderr.match(/recovered into the journal/g)).toHaveLength(8);
      expect(JSON.parse(second.stdout).counts.succeeded).toBe(8);
      expect(sim.counts().tasksCreated).toBe(8);
      for (let i = 1; i <= 8; i++) expect(isMp4(join(work, `out-${i}.mp4`))).toBe(true);
      expect(existsSync(ns.path(`${journal}.lock`))).toBe(false);
    } finally {
      await proxy.close();
    }
  }, 90_000);

  test('a read-only journal folder: nothing submitted, and the message says --journal can put it elsewhere (22.6)', async () => {
    const disk = tempDir();
    ns.sh(`mount -t tmpfs -o size=64k tmpfs ${disk}`);
    copyFileSync(PNG, ns.path(`${disk}/me.png`));
    writeFileSync(ns.path(`${disk}/jobs.jsonl`), `${JSON.stringify({ model: 'q1-reference', prompt: 'x', images: ['me.png'] })}\n`);
    ns.sh(`mount -o remount,ro ${disk}`);
    const before = sim.counts().submitAttempts;
    const r = await ns.vidu(['batch', `${disk}/jobs.jsonl`, '--base-url', sim.url], '/').done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only file system \(EROFS\)/);
    expect(r.stderr).toMatch(/--journal <file> puts the journal/);
    expect(sim.counts().submitAttempts).toBe(before);
  });
});
