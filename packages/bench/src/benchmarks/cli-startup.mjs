// @ts-check
/**
 * CLI start-up: wall time from spawn to exit of `vidu --version` and `vidu models` (the built
 * bin, as a user runs it), beside `node -e 0` measured in the same run, interleaved round by
 * round so that machine noise hits all three alike. Target: within 150 ms of `node -e 0`
 * (the CLI imports a command's modules only when it runs).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fmt, median, rotate } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const BIN = join(dirname(require.resolve('@vidukit/cli/package.json')), 'dist', 'bin.js');
const TARGET_MS = 150;

/** @param {string[]} args */
function once(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  return ms;
}

/** @param {{ smoke?: boolean, log?: (s: string) => void }} [options] */
export async function run(options = {}) {
  const log = options.log ?? (() => {});
  const rounds = options.smoke ? 3 : 30;
  const variants = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'vidu --version', args: [BIN, '--version'] },
    { name: 'vidu models', args: [BIN, 'models'] },
  ];
  /** @type {Map<string, number[]>} */
  const samples = new Map(variants.map((v) => [v.name, []]));
  /** @param {string} name */
  const of = (name) => /** @type {number[]} */ (samples.get(name));
  for (const v of variants) once(v.args); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    for (const v of rotate(variants, round)) of(v.name).push(once(v.args));
  }
  log(`cli start-up: ${rounds} rounds`);
  const base = median(of('node -e 0'));
  const rows = ['vidu --version', 'vidu models'].map((name) => {
    const m = median(of(name));
    return {
      group: 'CLI start-up',
      figure: `${name}, median wall time from spawn to exit`,
      value: `${fmt(m)} ms`,
      baseline: `node -e 0: ${fmt(base)} ms`,
      ratio: `${fmt(m / base)}x (+${fmt(m - base)} ms)`,
      target: `<= +${TARGET_MS} ms over node -e 0`,
      met: m - base <= TARGET_MS,
      note: `${rounds} interleaved rounds`,
    };
  });
  return { rows, raw: Object.fromEntries(samples) };
}
