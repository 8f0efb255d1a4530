// Every example runs as a reader would run it. The Node ones start their own simulator (no
// VIDU_API_KEY); the browser, Python and Go ones are pointed at a simulator started here.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';
import { hasTool } from '@vidukit/test-utils/tools';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const examples = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);
const { VIDU_API_KEY: _key, VIDU_BASE_URL: _url, ...cleanEnv } = process.env;
// Asynchronous: the simulator below runs in this process and must answer while a child waits.
const run = async (cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) =>
  (await exec(cmd, args, { cwd: opts.cwd ?? examples, encoding: 'utf8', timeout: 120_000, env: { ...cleanEnv, ...opts.env } })).stdout;

let sim: SimulatorHandle;
const scratch: string[] = [];
beforeAll(async () => {
  sim = await startSimulator({ queuedMs: 100, processingMs: 300 });
});
afterAll(async () => {
  await sim?.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('Node examples (each with its own simulator, as without VIDU_API_KEY)', () => {
  it('submit-and-wait.mjs prints the task and its video URL', async () => {
    const out = await run(process.execPath, ['submit-and-wait.mjs']);
    expect(out).toMatch(/^task \S+: TASK_STATUS_SUCCEED$/m);
    expect(out).toMatch(/^video: http:\/\/127\.0\.0\.1:\d+\/\S+$/m);
  });

  it('many-tasks.mjs waits for four tasks, one of which fails on purpose', async () => {
    const out = await run(process.execPath, ['many-tasks.mjs']);
    expect(out).toMatch(/^3 of 4 succeeded$/m);
    expect(out.match(/ ok {5}http/g)).toHaveLength(3);
    expect(out).toMatch(/ failed /);
  });
});

describe.skipIf(!hasTool('chromium'))('browser example', () => {
  let page: Server;
  afterAll(() => new Promise((resolve) => (page ? page.close(resolve) : resolve(undefined))));

  it('browser/download.js, bundled as its comment says, streams the video into a Blob for <video>', async () => {
    const { code } = await bundleForBrowser(readFileSync(join(examples, 'browser/download.js'), 'utf8'), {
      resolveDir: join(examples, 'browser'),
      format: 'esm',
      minify: false,
    });
    const html = readFileSync(join(examples, 'browser/index.html'), 'utf8');
    page = createServer((req, res) => {
      if (req.url === '/bundle.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const tab = await browser.newPage();
      // The page and the simulator are different origins: CORS is exercised too.
      await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/index.html?base=${encodeURIComponent(sim.url)}`);
      await tab.waitForSelector('#status[data-state]', { timeout: 60_000 });
      const status = await tab.textContent('#status');
      expect(status).toMatch(/^done: \S+, \d+ bytes$/);
      expect(Number(/(\d+) bytes/.exec(status!)![1])).toBeGreaterThan(10_000);
      expect(await tab.getAttribute('video', 'src')).toMatch(/^blob:/);
    } finally {
      await browser.close();
    }
  });
});

describe.skipIf(!hasTool('python-build') || !hasTool('python-jsonschema'))('Python example', () => {
  it('python/submit.py refuses a bad body before sending, then submits and waits with the installed package', async () => {
    const work = mkdtempSync(join(tmpdir(), 'vidukit-example-py-'));
    scratch.push(work);
    // Install as its docstring says, from a copy (setuptools writes build files next to the sources).
    cpSync(join(examples, 'node_modules/@vidukit/openapi/python'), join(work, 'src'), { recursive: true, dereference: true });
    await run('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', join(work, 'venv')]);
    const python = join(work, 'venv/bin/python');
    await run(python, ['-m', 'pip', 'install', '-q', '--no-index', '--no-build-isolation', '--disable-pip-version-check', join(work, 'src')]);
    const before = sim.counts().tasksCreated;
    const out = await run(python, [join(examples, 'python/submit.py')], { cwd: work, env: { VIDU_BASE_URL: sim.url } });
    expect(out).toMatch(/^refused before sending: \/duration: must be at most 10 \(maximum\)$/m);
    expect(out).toMatch(/^refused before sending: \/resolution: must be one of/m);
    expect(out).toMatch(/^refused before sending: \/subjects\/0\/images: must have at least 1 items/m);
    expect(out).toMatch(/: TASK_STATUS_SUCCEED$/m);
    expect(out).toMatch(/^video: http:\/\/127\.0\.0\.1/m);
    expect(sim.counts().tasksCreated - before).toBe(1); // the refused body was never sent
  });
});

describe.skipIf(!hasTool('go'))('Go example', () => {
  it('go/main.go is vet-clean, submits with the generated types and polls until the video is ready', async () => {
    const env = { GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', GOCACHE: join(tmpdir(), 'vidukit-go-build-cache'), PATH: ['/usr/lib/go/bin', process.env.PATH].join(delimiter) };
    await run('go', ['vet', './...'], { cwd: join(examples, 'go'), env });
    const out = await run('go', ['run', '.'], { cwd: join(examples, 'go'), env: { ...env, VIDU_BASE_URL: sim.url } });
    expect(out).toMatch(/: TASK_STATUS_SUCCEED$/m);
    expect(out).toMatch(/^video: http:\/\/127\.0\.0\.1/m);
  });
});
