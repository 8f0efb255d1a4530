// The queue's evidence run (not part of `npm test`: the full run takes minutes).
//   1. throughput with 1, 2 and 4 worker processes under one budget;
//   2. 2,000 jobs, 4 workers, one SIGKILLed mid-run, every Redis connection dropped twice, 1% of
//      submit answers lost: duplicates, lost task ids, in-doubt jobs, the budget.
// Needs redis-server and a build (`turbo run build --filter=@vidukit/queue...`).
// Run: pnpm --filter @vidukit/queue bench [-- --jobs 2000 --throughput-jobs 300]
import { startRedis } from '@vidukit/test-utils/redis';
import { runScenario, type ScenarioResult } from '../test/scenario.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const JOBS = arg('jobs', 2000);
const THROUGHPUT_JOBS = arg('throughput-jobs', 300);
const log = (line: string) => process.stderr.write(`${line}\n`);

const redis = await startRedis();
log(`redis-server pid ${redis.pid} on ${redis.url}`);
const rows: { name: string; r: ScenarioResult }[] = [];
try {
  // A provider a round trip away (100 ms): one worker at concurrency 4 cannot fill the budget.
  const throughputBudget = { limit: 60, windowMs: 1000, marginMs: 400 };
  for (const workers of [1, 2, 4]) {
    log(`throughput: ${THROUGHPUT_JOBS} jobs, ${workers} worker(s), budget ${throughputBudget.limit}/${throughputBudget.windowMs} ms`);
    const r = await runScenario({ redis: redis.url, queue: `tp-${workers}`, jobs: THROUGHPUT_JOBS, workers, concurrency: 4, budget: throughputBudget, latencyMs: 100, log });
    rows.push({ name: `throughput, ${workers} worker${workers === 1 ? '' : 's'}`, r });
  }
  log(`evidence: ${JOBS} jobs, 4 workers, SIGKILL at 30% submitted, CLIENT KILL at 40% and 70% settled, 1% of submit answers lost`);
  const evidence = await runScenario({
    redis: redis.url,
    queue: 'evidence',
    jobs: JOBS,
    workers: 4,
    concurrency: 8,
    budget: { limit: 100, windowMs: 1000, marginMs: 400 },
    resetAfterAccept: 0.01,
    killAt: 0.3,
    dropConnectionsAt: [0.4, 0.7],
    latencyMs: 50,
    timeoutMs: 900_000,
    log,
  });
  rows.push({ name: `evidence, ${JOBS} jobs`, r: evidence });
} finally {
  await redis.stop();
}

const f = (n: number, d = 1) => n.toFixed(d);
console.log('| run | workers | jobs | seconds | jobs/s | API req/s | budget | max in any window (provider) | max in any window (Redis grants) | succeeded | in doubt (reported) | from the kill | duplicates | lost task ids |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const { name, r } of rows) {
  console.log(
    `| ${name} | ${r.workers} | ${r.jobs} | ${f(r.seconds)} | ${f(r.jobsPerSecond)} | ${f(r.requestsPerSecond)} | ${r.budget.limit}/${r.budget.windowMs} ms | ${r.maxInWindow} | ${r.maxGrantsInWindow} | ${r.counts.succeeded} | ${r.inDoubt} (${r.inDoubtReported}) | ${r.inDoubtFromCrash} | ${r.duplicateTasks} | ${r.lostTaskIds} |`,
  );
}
console.log(`\n${JSON.stringify(rows.map(({ name, r }) => ({ name, ...r })), null, 2)}`);
const bad = rows.filter(({ r }) => r.duplicateTasks || r.lostTaskIds || r.inDoubt !== r.inDoubtReported || r.maxGrantsInWindow > r.budget.limit || r.maxInWindow > r.budget.limit);
if (bad.length) {
  console.error(`FAILED: ${bad.map((b) => b.name).join(', ')}`);
  process.exitCode = 1;
}
