// Every runtime the README claims, tested: the packed tarballs of the minimal set for a library
// user (@vidukit/types, @vidukit/client, @vidukit/polling: nothing else is installed, so npm
// would fail on any other unpublished @vidukit dependency) run one job (submit, wait, download
// into a WritableStream) against the simulator on Node 20 (this process's), 22 and 24, Bun, Deno
// and workerd, all from the npm registry (@vidukit/runtimes).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runtimes } from '@vidukit/runtimes';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarballs, packageOf, PUBLISHED, root } from './pack.js';

export const MINIMAL_LIBRARY_SET = ['types', 'client', 'polling'] as const;
const CI = /^(1|true)$/i.test(process.env.CI ?? '');
const exec = promisify(execFile);

let dir = '';
let tarballs: string[] = [];
let sim: SimulatorHandle;

beforeAll(async () => {
  ({ dir, tarballs } = installTarballs(MINIMAL_LIBRARY_SET));
  sim = await startSimulator({ queuedMs: 50, processingMs: 150, seed: 11 });
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface JobResult {
  runtime: string;
  taskId: string;
  status: string;
  bytes: number;
  reportedBytes: number;
  box: string;
}

function expectJob(result: JobResult, runtime: string) {
  console.log(`${runtime}: ${JSON.stringify(result)}`);
  expect(result).toMatchObject({ runtime, status: 'TASK_STATUS_SUCCEED', box: 'ftyp' });
  expect(result.bytes).toBeGreaterThan(10_000);
  expect(result.reportedBytes).toBe(result.bytes);
  // The simulator saw this very task (not a cached answer from elsewhere).
  expect(sim.tasks().some((t) => t.taskId === result.taskId)).toBe(true);
}

const missing = (name: keyof typeof runtimes) => {
  if (runtimes[name] || CI) return false;
  console.warn(`[vidukit] SKIPPED runtime ${name}: its npm package is not installed for this platform`);
  return true;
};

describe('the minimal set of tarballs for a library user', () => {
  it('is exactly @vidukit/types, @vidukit/client and @vidukit/polling: the closure of their @vidukit dependencies', () => {
    expect(tarballs.map(packageOf).sort()).toEqual(MINIMAL_LIBRARY_SET.map((n) => `@vidukit/${n}`).sort());
    // What the packed manifests require, followed transitively from polling (workspace:* is
    // rewritten to the version by pack). Nothing outside the set, nothing in it unused.
    const manifest = (name: string) => JSON.parse(readFileSync(join(dir, 'node_modules', '@vidukit', name, 'package.json'), 'utf8'));
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (closure.has(name)) return;
      closure.add(name);
      for (const dep of Object.keys(manifest(name).dependencies ?? {})) if (dep.startsWith('@vidukit/')) visit(dep.slice('@vidukit/'.length));
    };
    visit('polling');
    expect([...closure].sort()).toEqual([...MINIMAL_LIBRARY_SET].sort());
    expect(PUBLISHED).toEqual(expect.arrayContaining([...MINIMAL_LIBRARY_SET]));
  });
});

describe('the README table of the tarballs each use needs', () => {
  it('lists, for every published package, exactly the closure of its @vidukit dependencies', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Which packages a use needs'));
    const rows = [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/^\| `@vidukit\/([a-z-]+)`[^|]*\| ([a-z, -]+) \|$/gm)];
    const dependencies = (name: string): string[] =>
      Object.keys(JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).dependencies ?? {})
        .filter((d) => d.startsWith('@vidukit/'))
        .map((d) => d.slice('@vidukit/'.length));
    const closure = (name: string, seen = new Set<string>()): Set<string> => {
      if (!seen.has(name)) {
        seen.add(name);
        for (const dep of dependencies(name)) closure(dep, seen);
      }
      return seen;
    };
    expect(rows.map((r) => r[1]).sort()).toEqual([...PUBLISHED].sort());
    for (const [, name, listed] of rows) {
      expect(listed!.split(', ').sort(), `row @vidukit/${name}`).toEqual([...closure(name!)].sort());
    }
  });
});

describe('one job (submit, wait, download to a WritableStream) on every runtime', () => {
  const script = () => join(dir, 'runtimes/main.mjs');
  const run = async (cmd: string, args: string[]) => {
    const { stdout } = await exec(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as JobResult;
  };

  it(`Node ${process.versions.node.split('.')[0]} (this process's)`, async () => {
    expectJob(await run(process.execPath, [script(), sim.url, 'node']), 'node');
  });

  it.skipIf(missing('node22'))('Node 22', async () => {
    expectJob(await run(runtimes.node22!, [script(), sim.url, 'node22']), 'node22');
  });

  it.skipIf(missing('node24'))('Node 24', async () => {
    expectJob(await run(runtimes.node24!, [script(), sim.url, 'node24']), 'node24');
  });

  it.skipIf(missing('bun'))('Bun', async () => {
    expectJob(await run(runtimes.bun!, ['run', script(), sim.url, 'bun']), 'bun');
  });

  it.skipIf(missing('deno'))('Deno (bare imports through the package.json and node_modules)', async () => {
    // Network and environment only: the job reads no file.
    expectJob(await run(runtimes.deno!, ['run', '--quiet', '--allow-net', '--allow-env', script(), sim.url, 'deno']), 'deno');
  });

  it.skipIf(missing('workerd'))('workerd (Cloudflare Workers runtime), bundled as a Worker would be', async () => {
    const { code } = await bundleForBrowser(readFileSync(join(dir, 'runtimes/worker.mjs'), 'utf8'), { resolveDir: join(dir, 'runtimes'), minify: false });
    writeFileSync(join(dir, 'worker.js'), code);
    const port = await freePort();
    writeFileSync(
      join(dir, 'workerd.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [(name = "worker.js", esModule = embed "worker.js")], compatibilityDate = "2026-01-01", globalOutbound = "loopback")),
    # The simulator listens on 127.0.0.1; a Worker's default outbound reaches public addresses only.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`,
    );
    const child = spawn(runtimes.workerd!, ['serve', join(dir, 'workerd.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    try {
      const res = await fetchWhenUp(`http://127.0.0.1:${port}/?base=${encodeURIComponent(sim.url)}`, child);
      const text = await res.text();
      expect(res.status, `${text}\n${stderr}`).toBe(200);
      expectJob(JSON.parse(text) as JobResult, 'workerd');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('a download to a file path (@vidukit/polling/node) that is cut and resumed, on every runtime with files', () => {
  interface FileResult {
    runtime: string;
    bytes: number;
    same: boolean;
    reader: 'socket' | 'fetch';
    ranges: (string | null)[];
  }
  const run = async (cmd: string, args: string[], runtime: string, reader: FileResult['reader']) => {
    const { stdout } = await exec(cmd, [...args, join(dir, 'runtimes/file.mjs'), runtime, dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as FileResult;
    console.log(`${runtime} file: ${JSON.stringify(result)}`);
    // 24 MB on disk exactly as sent, after one cut at 5 MB and a Range from where it stopped.
    expect(result).toEqual({ runtime, bytes: 24 * 1024 * 1024, same: true, reader, ranges: [null, expect.stringMatching(/^bytes=[1-9]\d*-$/)] });
  };

  it(`Node ${process.versions.node.split('.')[0]}: the socket reader`, () => run(process.execPath, [], 'node', 'socket'));
  it.skipIf(missing('node22'))('Node 22: the socket reader', () => run(runtimes.node22!, [], 'node22', 'socket'));
  it.skipIf(missing('node24'))('Node 24: the socket reader', () => run(runtimes.node24!, [], 'node24', 'socket'));
  it.skipIf(missing('bun'))('Bun: through fetch', () => run(runtimes.bun!, ['run'], 'bun', 'fetch'));
  it.skipIf(missing('deno'))('Deno: through fetch', () => run(runtimes.deno!, ['run', '--quiet', '--allow-net', '--allow-env', '--allow-read', '--allow-write', '--allow-sys'], 'deno', 'fetch'));
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** workerd prints nothing when ready: retry the connection until it answers, or it exits. */
async function fetchWhenUp(url: string, child: ChildProcess): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

