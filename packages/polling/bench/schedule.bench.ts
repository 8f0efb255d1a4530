/**
 * Prints polls per task and detection lag for the adaptive schedule vs fixed 500 ms / 1 s
 * polling, on a simulated clock (deterministic: same figures on every run).
 *   pnpm --filter @vidukit/polling bench [-- --tasks 2000 --seed 42]
 * Exits 1 when a target of issue 4 is missed.
 */
import { formatTable, runBenchmark } from './simulate.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const tasks = arg('tasks', 1000);
const seed = arg('seed', 42);

const verdict = await runBenchmark(tasks, seed);
console.log(`Schedule benchmark: ${tasks} tasks, durations 5-300 s, seed ${seed}, simulated clock\n`);
console.log(formatTable(verdict));
if (verdict.checks.some((c) => !c.ok)) process.exitCode = 1;
