// @ts-check
/**
 * Polling efficiency: the figures of @vidukit/polling's own schedule benchmark (adaptive
 * schedule vs fixed 500 ms / 1 s polling on a simulated clock, packages/polling/bench), run in
 * a child process with that package's TypeScript hook, and its own checks as targets.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fmt } from '../lib/stats.mjs';

/** @import { BenchOptions, BenchOutput, Row } from '../report.mjs' */

const run$ = promisify(execFile);
const POLLING = fileURLToPath(new URL('../../../polling/', import.meta.url));
const HOOK = new URL('../../../polling/bench/register-ts.mjs', import.meta.url);
const CHILD = fileURLToPath(new URL('../lib/polling-child.mjs', import.meta.url));

/** @param {BenchOptions} [options] @returns {Promise<BenchOutput>} */
export async function run(options = {}) {
  const tasks = options.smoke ? 30 : 1000;
  if (!existsSync(fileURLToPath(HOOK))) throw new Error('packages/polling/bench/register-ts.mjs not found');
  const { stdout } = await run$(process.execPath, ['--import', HOOK.href, CHILD, String(tasks), '42'], {
    cwd: POLLING,
    maxBuffer: 16 * 1024 * 1024,
  });
  /** @type {{ rows: any[], checks: { name: string, ok: boolean, detail: string }[] }} */
  const v = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  const g = 'Polling efficiency';
  /** @param {string} name @param {boolean} hints */
  const get = (name, hints) => v.rows.find((r) => r.schedule === name && r.hints === hints);
  /** @type {Row[]} */
  const rows = [];
  for (const hints of [true, false]) {
    const a = get('adaptive (default)', hints);
    const f1 = get('fixed 1 s', hints);
    const f05 = get('fixed 500 ms', hints);
    const label = hints ? 'provider sends eta + progress' : 'no hints';
    rows.push({
      group: g,
      figure: `${fmt(tasks)} tasks of 5-300 s, ${label}: adaptive schedule, polls/task`,
      value: fmt(a.pollsPerTask),
      baseline: `fixed 1 s ${fmt(f1.pollsPerTask)}; fixed 500 ms ${fmt(f05.pollsPerTask)}`,
      ratio: `1/${fmt(f1.pollsPerTask / a.pollsPerTask)} of fixed 1 s`,
      target: hints ? '<= 1/8 of fixed 1 s' : '<= 1/4 of fixed 1 s',
      met: a.pollsPerTask <= f1.pollsPerTask / (hints ? 8 : 4),
    });
    rows.push({
      group: g,
      figure: `${fmt(tasks)} tasks, ${label}: adaptive detection lag p50 / p95`,
      value: `${fmt(a.lagP50s)} s / ${fmt(a.lagP95s)} s (${fmt(a.relLagP95 * 100)}% of duration at p95)`,
      baseline: `fixed 1 s ${fmt(f1.lagP50s)} s / ${fmt(f1.lagP95s)} s`,
      ratio: '',
      target: hints ? 'p95 lag <= 2 s' : 'p95 lag <= 15% of duration',
      met: hints ? a.lagP95s <= 2 : a.relLagP95 <= 0.15,
    });
  }
  options.log?.('polling efficiency done');
  return { rows, raw: v };
}
