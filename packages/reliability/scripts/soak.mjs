#!/usr/bin/env node
/**
 * The fault soak from the command line:
 *   node scripts/pnpm.mjs --filter @vidukit/reliability soak [-- --jobs 1000 --seed 1 --json out.json --opt-in]
 * Prints the table; exits 1 when a task id was lost, a duplicate was created without the
 * opt-in, a wait was lost to a transient fault, or a job failed without naming its task.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSoak, runSoak } from '../src/soak.mjs';

// `pnpm soak -- --jobs 200` passes the `--` through.
const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const { values } = parseArgs({
  args,
  options: {
    jobs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '250' },
    'attempt-timeout': { type: 'string', default: '1000' },
    json: { type: 'string' },
    'opt-in': { type: 'boolean', default: false },
  },
});
const result = await runSoak({
  jobs: Number(values.jobs),
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
  attemptTimeoutMs: Number(values['attempt-timeout']),
  retrySubmitOnAmbiguousFailure: values['opt-in'],
});
console.log(`Fault soak: ${result.jobs} jobs, seed ${result.seed}, retrySubmitOnAmbiguousFailure ${result.retrySubmitOnAmbiguousFailure}\n`);
console.log(formatSoak(result));
console.log(`\njob duration ms: ${JSON.stringify(result.jobMs)}; slowest: ${JSON.stringify(result.slowest)}`);
console.log(`errors seen by callers: ${JSON.stringify(result.errorNames)}`);
console.log(`download errors (each tried again): ${JSON.stringify(result.downloads.errors)}`);
if (result.downloadFailures.length) console.log(`downloads that failed every try: ${JSON.stringify(result.downloadFailures, null, 2)}`);
if (result.waitsLostDetails.length) console.log(`waits lost (first 20): ${JSON.stringify(result.waitsLostDetails, null, 2)}`);
if (result.lostTasks.length) console.log(`lost tasks (first 20): ${JSON.stringify(result.lostTasks, null, 2)}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
const bad =
  result.lost > 0 ||
  result.failedWithoutTaskIdOnError > 0 ||
  result.foreignTaskIdOnError > 0 ||
  result.waitsLost > 0 ||
  result.completedNotSucceeded > 0 ||
  result.pending > 0 ||
  (!result.retrySubmitOnAmbiguousFailure && result.duplicates !== 0);
process.exitCode = bad ? 1 : 0;
