// The live contract check of packages/openapi (its contract suite with VIDU_CONTRACT_BASE_URL
// pointing at a Prism proxy in front of a provider), tested with the simulator as the provider.
// The suite runs as a user runs it: a vitest child process in packages/openapi.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { startPrismProxy } from './prism-proxy.js';

const require = createRequire(import.meta.url);
const openapiDir = dirname(require.resolve('@vidukit/openapi/package.json'));
const KEY = 'sk-live-check';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { title: string; fullName: string; status: string; failureMessages: string[] }[] }[];
}

async function liveSuite(baseUrl: string, billing: boolean): Promise<{ code: number | null; output: string; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), 'vidu-live-'));
  const file = join(dir, 'report.json');
  const vitest = join(dirname(require.resolve('vitest/package.json', { paths: [openapiDir] })), 'vitest.mjs');
  const env: NodeJS.ProcessEnv = { ...process.env, VIDU_CONTRACT_BASE_URL: baseUrl, VIDU_CONTRACT_API_KEY: KEY };
  if (billing) env.VIDU_CONTRACT_ALLOW_BILLING = '1';
  else delete env.VIDU_CONTRACT_ALLOW_BILLING;
  const child = spawn(process.execPath, [vitest, 'run', 'test/contract.test.ts', '--reporter=json', `--outputFile=${file}`], {
    cwd: openapiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    return { code, output, report: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    throw new Error(`the contract suite wrote no report (exit ${code}):\n${output}`, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const failures = (r: Report) =>
  r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.fullName}: ${a.failureMessages[0]?.slice(0, 300)}`));

describe('live contract check: contract suite -> prism proxy (no --errors) -> simulator', () => {
  let sim: SimulatorHandle;
  let proxy: Awaited<ReturnType<typeof startPrismProxy>>;
  beforeAll(async () => {
    sim = await startSimulator({ apiKey: KEY, queuedMs: 0, processingMs: 0 });
    proxy = await startPrismProxy(sim.url);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await sim?.close();
  });

  it('without VIDU_CONTRACT_ALLOW_BILLING: passes and no request with the key reaches a submit', { timeout: 120_000 }, async () => {
    sim.reset();
    const run = await liveSuite(proxy.url, false);
    expect(failures(run.report), run.output.slice(-3000)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.numPendingTests).toBeGreaterThan(100); // the billed requests were skipped
    const c = sim.counts();
    expect(c.tasksCreated).toBe(0);
    // Only keyless submits reached it, each refused with 401: nothing that could bill.
    expect(c.submitAttempts).toBeGreaterThan(0);
    expect(c.submitAttempts).toBeLessThanOrEqual(c.responses['401']!);
    expect(c.requests.getTaskResult).toBeGreaterThan(0);
  });

  it('with VIDU_CONTRACT_ALLOW_BILLING=1: invalid bodies reach the provider, which rejects them; valid ones create tasks', { timeout: 180_000 }, async () => {
    sim.reset();
    const run = await liveSuite(proxy.url, true);
    expect(failures(run.report), run.output.slice(-3000)).toEqual([]);
    expect(run.code).toBe(0);
    const c = sim.counts();
    // With --errors Prism would have answered these itself; here the simulator judged each one.
    expect(c.responses['400']).toBeGreaterThan(50);
    expect(c.tasksCreated).toBeGreaterThan(10);
    expect(c.submitAttempts).toBeGreaterThan(c.tasksCreated + 50);
  });
});

describe('live contract check through a proxy started with --errors', () => {
  it('fails, saying Prism answered instead of the provider', { timeout: 120_000 }, async () => {
    const sim = await startSimulator({ apiKey: KEY });
    const proxy = await startPrismProxy(sim.url, { errors: true });
    try {
      const run = await liveSuite(proxy.url, false);
      expect(run.code).not.toBe(0);
      expect(failures(run.report).join('\n')).toMatch(/Prism answered 40\d itself instead of forwarding: run `prism proxy` without --errors/);
    } finally {
      await proxy.stop();
      await sim.close();
    }
  });
});

describe('live contract check against a provider that breaks the spec', () => {
  let server: Server;
  let proxy: Awaited<ReturnType<typeof startPrismProxy>>;
  beforeAll(async () => {
    // Refuses every request with the right status, 401, but a body that breaks ErrorBody
    // (`code` is an integer in the spec): only the sl-violations header shows it.
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'unauthorized', reason: 'MISSING_API_KEY', message: 'no key' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    proxy = await startPrismProxy(`http://127.0.0.1:${port}`);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('fails, naming the response problems Prism reported', { timeout: 120_000 }, async () => {
    const run = await liveSuite(proxy.url, false);
    expect(run.code).not.toBe(0);
    const failed = failures(run.report);
    expect(failed.length).toBeGreaterThan(0);
    const keyless = failed.filter((f) => f.includes('without a key'));
    expect(keyless.length).toBeGreaterThan(0);
    for (const f of keyless) expect(f).toMatch(/answer breaks the spec \(sl-violations\)[\s\S]*code/);
  });
});
