// @ts-check
/**
 * `vidu batch` under one poll budget: 1,000 jobs run by the real CLI (a child process) against
 * the simulator behind a loopback proxy that timestamps every task-result read. The figure is
 * the busiest rolling minute of reads, beside the budget given with --polls-per-minute (the
 * baseline: what a per-job poller would do is unbounded, so the budget itself is the bar).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimulator } from '@vidukit/simulator';

const require = createRequire(import.meta.url);
const BIN = join(dirname(require.resolve('@vidukit/cli/package.json')), 'dist', 'bin.js');

/**
 * A proxy that forwards everything to `target` and records when each task-result read arrived.
 * @param {string} target
 */
async function timestampingProxy(target) {
  /** @type {number[]} */
  const reads = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if ((req.url ?? '').includes('task-result')) reads.push(performance.now());
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}`, reads, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The most reads in any window of `windowMs` (a sliding window, over the sorted times).
 * @param {number[]} times
 * @param {number} windowMs
 */
function busiestWindow(times, windowMs) {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < t.length; hi++) {
    while (/** @type {number} */ (t[hi]) - /** @type {number} */ (t[lo]) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** @param {{ smoke?: boolean, log?: (s: string) => void }} [options] */
export async function run(options = {}) {
  const log = options.log ?? (() => {});
  const jobs = options.smoke ? 40 : 1000;
  const budget = options.smoke ? 600 : 900;
  const sim = await startSimulator({ queuedMs: 1000, processingMs: 4000, seed: 11 });
  const proxy = await timestampingProxy(sim.url);
  const dir = mkdtempSync(join(tmpdir(), 'vidukit-batch-budget-'));
  try {
    const lines = Array.from({ length: jobs }, (_, i) =>
      JSON.stringify({ model: 'q1-reference', prompt: `budget job ${i}`, images: ['https://example.com/a.png'], out: `v${i}.mp4` }),
    );
    writeFileSync(join(dir, 'jobs.jsonl'), `${lines.join('\n')}\n`);
    const t0 = performance.now();
    const code = await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [BIN, 'batch', 'jobs.jsonl', '--base-url', proxy.url, '--concurrency', '64', '--polls-per-minute', String(budget), '--no-report', '--json'],
        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', VIDU_API_KEY: '' } },
      );
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('error', reject);
      child.on('close', (c) => (c === 0 ? resolve(c) : reject(new Error(`vidu batch exited ${c}: ${err.slice(-600)}`))));
    });
    const seconds = (performance.now() - t0) / 1000;
    const busiest = busiestWindow(proxy.reads, 60_000);
    log(`batch budget: ${jobs} jobs, ${proxy.reads.length} reads in ${seconds.toFixed(0)} s, busiest minute ${busiest} (budget ${budget}), exit ${code}`);
    return {
      rows: [
        {
          group: 'vidu batch',
          figure: `${jobs} jobs, task-result reads in the busiest rolling minute`,
          value: `${busiest}`,
          baseline: `--polls-per-minute ${budget}`,
          ratio: `${((100 * busiest) / budget).toFixed(0)}% of the budget`,
          target: '<= the budget in every rolling minute',
          met: busiest <= budget,
          note: `${proxy.reads.length} reads over ${seconds.toFixed(0)} s, one shared scheduler for the whole batch (64 jobs in flight)`,
        },
      ],
      raw: { jobs, budget, reads: proxy.reads.length, seconds, busiest },
    };
  } finally {
    await proxy.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
