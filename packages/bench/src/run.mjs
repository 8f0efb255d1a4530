// @ts-check
/**
 * Runs every benchmark and writes docs/benchmarks.md. `--smoke` runs tiny sizes (the test
 * command does this through test/smoke.test.mjs); `--only a,b` runs a subset;
 * `--out <file>` writes elsewhere; `--json <file>` also dumps the raw samples.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { toMarkdown } from './report.mjs';

/** @import { BenchModule, BenchResult } from './report.mjs' */

// client-overhead.mjs is being rewritten and is left out of the typecheck until that lands
// (tsconfig.json `exclude`). tsc follows an import of a string literal whatever `exclude` says,
// so the specifier sits in a variable; put the literal back in the loader once the file checks.
const CLIENT_OVERHEAD = './benchmarks/client-overhead.mjs';

/** @type {Record<string, () => Promise<BenchModule>>} */
const LOADERS = {
  'client-overhead': () => import(CLIENT_OVERHEAD),
  validation: () => import('./benchmarks/validation.mjs'),
  scheduler: () => import('./benchmarks/scheduler.mjs'),
  'image-encoding': () => import('./benchmarks/image-encoding.mjs'),
  bundle: () => import('./benchmarks/bundle.mjs'),
  'polling-efficiency': () => import('./benchmarks/polling-efficiency.mjs'),
  'cli-startup': () => import('./benchmarks/cli-startup.mjs'),
  'batch-budget': () => import('./benchmarks/batch-budget.mjs'),
  download: () => import('./benchmarks/download.mjs'),
};
export const BENCHMARKS = Object.keys(LOADERS);

/**
 * Runs one benchmark in this process. `runAll` calls it in a fresh child process per benchmark
 * (with --expose-gc), so one benchmark's garbage, JIT state or heap never colours another's
 * figures (the scheduler's peak heap in particular).
 * @param {string} name @param {{ smoke?: boolean, log?: (s: string) => void }} [options]
 */
export async function runOne(name, options = {}) {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown benchmark ${name}; expected one of ${BENCHMARKS.join(', ')}`);
  const mod = await load();
  return mod.run({ smoke: options.smoke, log: options.log });
}

/** @param {string} name @param {boolean} smoke @param {(s: string) => void} log */
function runChild(name, smoke, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name, ...(smoke ? ['--smoke'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      for (const line of String(d).split('\n')) if (line.trim()) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(last);
        if (parsed.error) reject(new Error(parsed.error));
        else resolve(parsed);
      } catch {
        reject(new Error(`benchmark process exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
      }
    });
  });
}

/**
 * Runs the benchmarks, each in its own child process.
 * @param {{ smoke?: boolean, only?: string[], log?: (s: string) => void }} [options]
 */
export async function runAll(options = {}) {
  const log = options.log ?? ((s) => console.error(s));
  /** @type {BenchResult[]} */
  const results = [];
  for (const name of options.only ?? BENCHMARKS) {
    const t0 = performance.now();
    log(`> ${name}`);
    try {
      const { rows, raw, notes } = /** @type {any} */ (await runChild(name, options.smoke ?? false, log));
      results.push({ name, rows, raw, notes, ms: performance.now() - t0 });
    } catch (err) {
      const error = String(/** @type {any} */ (err)?.message ?? err);
      log(`  FAILED: ${error}`);
      results.push({ name, rows: [], error, ms: performance.now() - t0 });
    }
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--child') {
  // One benchmark; the result as the last line of stdout, logs on stderr.
  const name = process.argv[3] ?? '';
  try {
    const result = await runOne(name, { smoke: process.argv.includes('--smoke'), log: (s) => console.error(s) });
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
  } catch (err) {
    console.error(/** @type {any} */ (err)?.stack ?? String(err));
    process.stdout.write(`\n${JSON.stringify({ error: String(/** @type {any} */ (err)?.message ?? err) })}\n`);
  }
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  /** @param {string} flag */
  const opt = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const smoke = args.includes('--smoke');
  const only = opt('--only')?.split(',');
  const out = opt('--out') ?? fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
  const t0 = performance.now();
  const results = await runAll({ smoke, only });
  const cpuList = cpus();
  const md = toMarkdown(results, {
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    cpus: `${availableParallelism()} cores (${cpuList[0]?.model?.trim() ?? 'unknown CPU'})`,
    totalMs: performance.now() - t0,
    smoke,
  });
  await writeFile(out, md);
  const json = opt('--json');
  if (json) await writeFile(json, JSON.stringify(results, null, 2));
  process.stdout.write(md);
  console.error(`\nwrote ${out}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}
