/**
 * Batches beyond one machine: `vidu batch jobs.jsonl --queue redis://...` enqueues (and shows
 * progress unless --detach), `vidu worker --queue ...` runs anywhere, any number of times, and
 * `vidu batch status --queue ...` counts jobs by state and lists the ones that need a person.
 * The engine is @vidukit/queue; this file only parses flags and prints.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type {
  BudgetConfig,
  EnqueueJob,
  JobRecord,
  QueueStatus,
  WorkerEvent,
} from '@vidukit/queue';
import Table from 'cli-table3';
import { readJobs } from '../batch/jobs.js';
import { checkJob, parseTimeout } from '../body/check.js';
import type { Problem } from '../body/problems.js';
import { connect, type GlobalOptions } from '../connection.js';
import { EXIT, problemLine, reportFailure, reportProblems } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { formatSeconds, safe, type Output } from '../output.js';

/** Text from Redis or the provider, bounded and made safe to print (`safe` escapes control characters). */
const printable = (text: string, max = 300): string => safe(text.length > max ? `${text.slice(0, max)}…` : text);

// Loaded on use: BullMQ and ioredis stay out of every other command's start-up.
const engine = () => import('@vidukit/queue');

export interface QueueFlags {
  queue?: string;
  queueName?: string;
  budget?: string;
}

export interface QueueBatchFlags extends QueueFlags {
  detach?: boolean;
  retryFailed?: boolean;
  resubmitUnknown?: boolean;
}

export interface WorkerFlags extends QueueFlags {
  out?: string;
  concurrency?: string;
  timeout?: string;
}


async function queueOptions(flags: QueueFlags, problems: Problem[]): Promise<{ redis: string; queue?: string; budget?: BudgetConfig } | undefined> {
  const { checkRedisUrl, parseBudget } = await engine();
  let ok = true;
  try {
    if (flags.queue === undefined) throw new Error('required: the Redis URL, e.g. redis://127.0.0.1:6379');
    checkRedisUrl(flags.queue);
  } catch (error) {
    problems.push({ path: '', flag: '--queue', message: (error as Error).message.replace(/^--queue /, '') });
    ok = false;
  }
  if (flags.queueName !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(flags.queueName)) {
    problems.push({ path: '', flag: '--queue-name', message: `must match [A-Za-z0-9_.-]{1,64}, got ${JSON.stringify(flags.queueName)}` });
    ok = false;
  }
  let budget: BudgetConfig | undefined;
  if (flags.budget !== undefined) {
    try {
      budget = parseBudget(flags.budget);
    } catch (error) {
      problems.push({ path: '', flag: '--budget', message: (error as Error).message });
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { redis: flags.queue!, ...(flags.queueName ? { queue: flags.queueName } : {}), ...(budget ? { budget } : {}) };
}

/** `vidu batch jobs.jsonl --queue redis://...` */
export async function queueBatchCommand(file: string, flags: QueueBatchFlags, out: Output, intr: InterruptScope): Promise<number> {
  const problems: Problem[] = [];
  const q = await queueOptions(flags, problems);
  const jobsPath = resolve(file);
  if (!existsSync(jobsPath)) problems.push({ path: '', flag: '<jobs.jsonl>', message: `${file} does not exist` });
  if (problems.length || !q) return reportProblems(out, problems);

  // Every job is checked and its images read now: workers on other machines get complete bodies.
  // The file is read as `vidu batch` reads it (UTF-8, JSON, job fields, one file per job).
  const baseDir = dirname(jobsPath);
  const jobs: EnqueueJob[] = [];
  for (const job of readJobs(jobsPath, file, new Map(), problems)) {
    // Videos go to each worker's --out directory: only the file name travels, so no local folder is checked.
    const { out: _local, ...spec } = job.spec;
    const checked = await checkJob(spec, baseDir, []);
    for (const x of checked.problems) problems.push({ ...x, flag: `line ${job.line}${x.flag ? ` ${x.flag}` : ''}` });
    jobs.push({ line: job.line, text: job.text, model: spec.model, operationId: checked.operationId, body: checked.body, out: basename(job.out) });
  }
  if (problems.length) {
    out.error(`invalid jobs in ${file}, nothing was enqueued (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const p of problems) out.log(`  - ${problemLine(p)}`);
    out.result({ ok: false, exitCode: EXIT.invalid, error: { name: 'ValidationError', message: 'invalid jobs' }, issues: problems });
    return EXIT.invalid;
  }
  if (jobs.length === 0) return reportProblems(out, [{ path: '', flag: '<jobs.jsonl>', message: `${file} has no jobs (one JSON object per line)` }]);

  const { enqueueBatch, queueStatus, redactRedisUrl } = await engine();
  const batch = basename(jobsPath, extname(jobsPath));
  const where = redactRedisUrl(q.redis);
  let enq: Awaited<ReturnType<typeof enqueueBatch>>;
  try {
    enq = await enqueueBatch({ ...q, batch, jobs, retryFailed: flags.retryFailed === true, resubmitUnknown: flags.resubmitUnknown === true });
  } catch (error) {
    return reportFailure(out, error);
  }
  out.log(`${jobs.length} job${jobs.length === 1 ? '' : 's'} in batch "${batch}" on ${where}: ${enq.added} added, ${enq.existing} already queued${enq.requeued.length ? `, ${enq.requeued.length} put back` : ''}`);
  for (const r of enq.requeued) out.log(`  line ${r.line}: ${r.from} -> queued again`);
  const base = { queue: where, batch, added: enq.added, existing: enq.existing, requeued: enq.requeued };
  if (flags.detach) {
    out.log(`detached. workers: vidu worker --queue ${where} --out DIR; progress: vidu batch status --queue ${where}`);
    out.result({ ok: true, exitCode: EXIT.ok, detached: true, ...base });
    return EXIT.ok;
  }

  out.log('waiting for workers (Ctrl-C stops watching; the jobs stay queued)...');
  const started = Date.now();
  let status: QueueStatus;
  let lastLine = '';
  for (;;) {
    try {
      status = await queueStatus({ ...q, batch });
    } catch (error) {
      return reportFailure(out, error);
    }
    const c = status.counts;
    const line = `${c.succeeded + c.failed + c.rejected + c.unknown + c.error}/${status.total} done: ${c.succeeded} succeeded, ${c.submitted} waiting, ${c.queued + c.submitting} to submit${status.pausedMs ? ` (paused ${formatSeconds(status.pausedMs / 1000)} after a 429)` : ''}`;
    if (line !== lastLine) out.log(line);
    lastLine = line;
    if (status.settled || intr.interrupted) break;
    // Each look reads every job of the batch: look less often at big batches (100,000 jobs: 6 s).
    await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 + status.total * 0.05)));
  }
  printStatus(out, status);
  if (intr.interrupted) {
    out.log(`stopped watching; the jobs stay queued. progress: vidu batch status --queue ${where}`);
    out.result({ ok: false, exitCode: EXIT.interrupted, interrupted: true, ...base, ...statusJson(status) });
    return EXIT.interrupted;
  }
  const exitCode = status.counts.succeeded === status.total ? EXIT.ok : EXIT.failure;
  out.log(`done in ${formatSeconds((Date.now() - started) / 1000)}`);
  out.result({ ok: exitCode === EXIT.ok, exitCode, ...base, ...statusJson(status) });
  return exitCode;
}

/** `vidu batch status --queue redis://...` */
export async function batchStatusCommand(flags: QueueFlags & { batch?: string }, out: Output): Promise<number> {
  const problems: Problem[] = [];
  const q = await queueOptions(flags, problems);
  if (problems.length || !q) return reportProblems(out, problems);
  const { queueStatus, redactRedisUrl } = await engine();
  try {
    const status = await queueStatus({ ...q, ...(flags.batch ? { batch: flags.batch } : {}) });
    printStatus(out, status);
    out.result({ ok: true, exitCode: EXIT.ok, queue: redactRedisUrl(q.redis), ...statusJson(status) });
    return EXIT.ok;
  } catch (error) {
    return reportFailure(out, error);
  }
}

/** `vidu worker --queue redis://... --out DIR` */
export async function workerCommand(flags: WorkerFlags, g: GlobalOptions, out: Output, intr: InterruptScope): Promise<number> {
  const problems: Problem[] = [];
  const q = await queueOptions(flags, problems);
  if (!flags.out) problems.push({ path: '', flag: '--out', message: 'required: the directory the videos are saved to' });
  const concurrency = flags.concurrency === undefined ? 8 : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    problems.push({ path: '', flag: '--concurrency', message: `must be an integer from 1 to 256, got ${JSON.stringify(flags.concurrency)}` });
  }
  const timeoutMs = parseTimeout(flags.timeout, problems);
  if (problems.length || !q) return reportProblems(out, problems);
  const { redactRedisUrl, setQueueBudget, startWorker } = await engine();
  let conn: Awaited<ReturnType<typeof connect>>;
  try {
    conn = await connect(g, out, { allowEmbedded: false });
  } catch (error) {
    return reportFailure(out, error);
  }
  const tally: Record<string, number> = {};
  const onEvent = (e: WorkerEvent) => {
    tally[e.type] = (tally[e.type] ?? 0) + 1;
    const where = 'line' in e && e.line !== undefined ? `line ${e.line}` : 'jobId' in e ? e.jobId : '';
    if (e.type === 'submitted') out.log(`${where}: task ${e.taskId} submitted`);
    else if (e.type === 'succeeded') out.log(`${where}: ${out.c.green('saved')} ${e.file}`);
    else if (e.type === 'failed') out.log(`${where}: ${out.c.red('failed')} (task ${e.taskId}): ${printable(e.reason)}`);
    else if (e.type === 'in-doubt') out.log(`${where}: ${out.c.yellow('in doubt')}: ${printable(e.message)}`);
    else if (e.type === 'rejected') out.log(`${where}: ${out.c.red('rejected')}: ${printable(e.message)}`);
    else if (e.type === 'error') out.log(`${where}: ${out.c.red('error')}${e.taskId ? ` (task ${e.taskId})` : ''}: ${printable(e.message)}`);
    else if (e.type === 'paused') out.log(out.c.yellow(`429 from the provider: every worker pauses ${formatSeconds(e.ms / 1000)}`));
    else if (e.type === 'redis') out.warn(`Redis: ${e.message} (waiting for it; nothing is lost)`);
  };
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker({
      redis: q.redis,
      ...(q.queue ? { queue: q.queue } : {}),
      client: conn.client,
      outDir: resolve(flags.out!),
      concurrency,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      onEvent,
    });
    // The budget is one for the whole queue: set here, it applies to every worker.
    if (q.budget) await setQueueBudget({ redis: q.redis, ...(q.queue ? { queue: q.queue } : {}), budget: q.budget });
  } catch (error) {
    await conn.close();
    return reportFailure(out, error);
  }
  out.log(`worker ${worker.id} on ${redactRedisUrl(q.redis)} (${conn.target}), concurrency ${concurrency}, saving to ${resolve(flags.out!)}. Ctrl-C or SIGTERM stops it after its running steps.`);
  await new Promise<void>((r) => (intr.signal.aborted ? r() : intr.signal.addEventListener('abort', () => r(), { once: true })));
  out.log('stopping: finishing the running steps (a second Ctrl-C abandons them; another worker retakes them)...');
  await worker.close();
  await conn.close();
  out.log(`stopped. ${Object.entries(tally).map(([k, n]) => `${n} ${k}`).join(', ') || 'no jobs handled'}`);
  out.result({ ok: true, exitCode: EXIT.ok, worker: worker.id, events: tally });
  return EXIT.ok;
}

function statusJson(s: QueueStatus) {
  return {
    total: s.total,
    counts: s.counts,
    settled: s.settled,
    pausedMs: s.pausedMs,
    budget: s.budget,
    problems: s.problems.map((p) => ({
      id: p.id,
      ...(p.line !== undefined ? { line: p.line } : {}),
      ...(p.batch ? { batch: p.batch } : {}),
      state: p.state,
      ...(p.taskId ? { taskId: p.taskId } : {}),
      ...(p.reason || p.message ? { detail: printable(p.reason ?? p.message ?? '', 1000) } : {}),
    })),
  };
}

const HINT: Partial<Record<JobRecord['state'], string>> = {
  unknown: 'in doubt: the task may exist; check the provider, then --resubmit-unknown (may bill twice)',
  failed: 'the task failed; --retry-failed submits again',
  rejected: 'the provider refused it; fix the job, rerun the batch',
  error: 'waiting failed; rerun the batch to wait again (no new submit)',
};

function printStatus(out: Output, s: QueueStatus): void {
  const c = s.counts;
  out.log(
    `${s.total} job${s.total === 1 ? '' : 's'}: ${Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k === 'unknown' ? 'in doubt' : k}`).join(', ') || 'none'}` +
      ` | budget ${s.budget.limit} per ${formatSeconds(s.budget.windowMs / 1000)}${s.pausedMs ? ` | paused ${formatSeconds(s.pausedMs / 1000)} after a 429` : ''}`,
  );
  if (!s.problems.length) return;
  const table = new Table({ head: ['line', 'state', 'task id', 'reason / what to do'], style: { head: [], border: [], compact: true }, wordWrap: true, colWidths: [6, 10, 38, 60] });
  for (const p of s.problems.slice(0, 200)) {
    table.push([p.line !== undefined ? String(p.line) : '', p.state === 'unknown' ? 'in doubt' : p.state, p.taskId ?? '', `${printable(p.reason ?? p.message ?? '', 200)}\n${HINT[p.state] ?? ''}`]);
  }
  out.log(table.toString());
  if (s.problems.length > 200) out.log(`... and ${s.problems.length - 200} more (--json lists them all)`);
}
