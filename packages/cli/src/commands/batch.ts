/**
 * `vidu batch jobs.jsonl`: one job per line, N at a time. Every task id goes to the journal
 * (append + fsync) the moment it is known, so a rerun after an interruption waits for the
 * tasks already submitted instead of submitting (and paying for) them again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { SubmitOutcomeUnknownError, type SubmitRequestBody } from '@vidukit/client';
import { TaskFailedError } from '@vidukit/polling/node';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { specFromJobObject, type JobSpec, type Problem } from '../body.js';
import { connect, type Connection, type GlobalOptions } from '../connection.js';
import { EXIT, problemLine, reportFailure, reportProblems } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { defaultJournalPath, jobKeyer } from '../jobs-file.js';
import { Journal, readJournal, type JobState } from '../journal.js';
import { formatSeconds, shellQuote, statusLabel, type Output } from '../output.js';
import { reportAfterBatch } from '../report/write.js';
import { MODEL_NAMES } from '../spec.js';
import { waitAndSave } from '../task.js';
import { checkJob, parseTimeout } from './generate.js';

export interface BatchFlags {
  concurrency?: string;
  journal?: string;
  timeout?: string;
  retryFailed?: boolean;
  resubmitUnknown?: boolean;
  /** False with `--no-report`. */
  report?: boolean;
}

type RowStatus = 'succeeded' | 'failed' | 'error' | 'unknown' | 'interrupted' | 'skipped';

interface Job {
  line: number;
  key: string;
  spec: JobSpec;
  out: string;
  state: JobState;
  operationId?: string;
  body?: Record<string, unknown>;
  row?: { status: RowStatus; taskId?: string; detail: string; ms?: number; resumed?: boolean };
}

export { defaultJournalPath } from '../jobs-file.js';

export async function batchCommand(file: string, flags: BatchFlags, g: GlobalOptions, out: Output, intr: InterruptScope): Promise<number> {
  const problems: Problem[] = [];
  const concurrency = flags.concurrency === undefined ? 4 : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    problems.push({ path: '', flag: '--concurrency', message: `must be a positive integer, got ${JSON.stringify(flags.concurrency)}` });
  }
  const timeoutMs = parseTimeout(flags.timeout, problems);
  const jobsPath = resolve(file);
  if (!existsSync(jobsPath)) problems.push({ path: '', flag: '<jobs.jsonl>', message: `${file} does not exist` });
  if (problems.length) return reportProblems(out, problems);

  const baseDir = dirname(jobsPath);
  const journalPath = resolve(flags.journal ?? defaultJournalPath(jobsPath));
  const journalRead = readJournal(journalPath);
  if (journalRead.skipped.length) {
    out.warn(`journal ${journalPath}: skipped unreadable line(s) ${journalRead.skipped.join(', ')} (a write cut short by a kill)`);
  }

  // Parse every line; a job's key is its content hash plus its occurrence, so inserting or
  // reordering lines does not make a rerun resubmit anything.
  const jobs: Job[] = [];
  const keyOf = jobKeyer();
  const lines = readFileSync(jobsPath, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (!text || text.startsWith('//')) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push({ path: '', flag: `line ${line}`, message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const { job: spec, problems: p } = specFromJobObject(value, MODEL_NAMES);
    for (const x of p) problems.push({ ...x, flag: `line ${line}${x.flag ? ` ${x.flag}` : ''}` });
    if (!spec) continue;
    const key = keyOf(value);
    const out = resolve(baseDir, spec.out ?? `${basename(jobsPath, extname(jobsPath))}-${line}.mp4`);
    jobs.push({ line, key, spec: { ...spec, out }, out, state: journalRead.states.get(key) ?? { pendingSubmit: false } });
  }

  // Jobs that will be submitted are checked (and their images read) now: nothing is sent
  // unless every one of them is valid.
  for (const job of jobs) {
    if (!needsSubmit(job, flags)) continue;
    const checked = await checkJob(job.spec, baseDir, []);
    for (const x of checked.problems) problems.push({ ...x, flag: `line ${job.line}${x.flag ? ` ${x.flag}` : ''}` });
    job.operationId = checked.operationId;
    job.body = checked.body;
  }
  if (problems.length) {
    out.error(`invalid jobs in ${file}, nothing was sent (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const p of problems) out.log(`  - ${problemLine(p)}`);
    out.result({ ok: false, exitCode: EXIT.invalid, error: { name: 'ValidationError', message: 'invalid jobs' }, issues: problems });
    return EXIT.invalid;
  }
  if (jobs.length === 0) {
    out.error(`${file} has no jobs (one JSON object per line)`);
    out.result({ ok: false, exitCode: EXIT.invalid, error: { name: 'ValidationError', message: 'no jobs' } });
    return EXIT.invalid;
  }

  let conn: Connection;
  try {
    conn = await connect(g, out, { allowEmbedded: true });
  } catch (error) {
    return reportFailure(out, error);
  }
  const journal = Journal.open(journalPath);
  const resumeCmd = ['vidu', 'batch', file, '--concurrency', String(concurrency), '--journal', journalPath, ...conn.flags].map(shellQuote).join(' ');
  const resumed = jobs.filter((j) => j.state.taskId || j.state.outcome).length;
  out.log(
    `${jobs.length} job${jobs.length === 1 ? '' : 's'}, concurrency ${concurrency}, journal ${relative(process.cwd(), journalPath) || journalPath}` +
      (resumed ? ` (${resumed} already in the journal: resuming, nothing is submitted twice)` : ''),
  );
  if (resumed && conn.embedded) out.warn('the journal\'s tasks were created by an earlier process; the embedded simulator does not have them');
  intr.onForceExit(() => {
    journal.close();
    out.log(`\nstopped. resume with: ${resumeCmd}`);
  });

  const multi = out.interactive
    ? new cliProgress.MultiBar(
        {
          stream: out.streams.stderr as NodeJS.WriteStream,
          format: `{label} ${out.c.dim('{bar}')} {value}/{total} {detail}`,
          hideCursor: true,
          clearOnComplete: false,
          fps: 4,
          barsize: 20,
          autopadding: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const overall = multi?.create(jobs.length, 0, { label: 'batch     ', detail: '' });
  const log = (line: string) => (multi ? multi.log(`${line}\n`) : out.log(line));

  const started = Date.now();
  const queue = [...jobs];
  const runJob = async (job: Job): Promise<void> => {
    const t0 = Date.now();
    const finish = (status: RowStatus, detail: string) => {
      job.row = { status, detail, ms: Date.now() - t0, ...(job.state.taskId ? { taskId: job.state.taskId } : {}), ...(job.row?.resumed ? { resumed: true } : {}) };
      overall?.increment();
    };
    const s = job.state;
    if (s.outcome === 'succeeded' && s.file && existsSync(s.file)) {
      job.row = { status: 'skipped', detail: `already saved: ${relative(process.cwd(), s.file)}`, ...(s.taskId ? { taskId: s.taskId } : {}) };
      overall?.increment();
      return;
    }
    if (s.outcome === 'failed' && !flags.retryFailed && s.taskId) {
      job.row = { status: 'failed', taskId: s.taskId, detail: `${s.reason ?? 'failed'} (from the journal; --retry-failed submits again)` };
      overall?.increment();
      return;
    }
    if ((s.outcome === 'unknown' || (s.pendingSubmit && !s.taskId)) && !flags.resubmitUnknown) {
      job.row = { status: 'unknown', detail: 'a submit was interrupted before its task id came back; the task may exist. --resubmit-unknown submits again' };
      overall?.increment();
      return;
    }
    if (needsSubmit(job, flags)) {
      journal.append({ event: 'submitting', key: job.key, line: job.line });
      try {
        // Not aborted by Ctrl-C: the answer carries the task id, which must reach the journal.
        const r = await conn.client.submit(job.operationId as 'submitQ2ProFast', job.body as SubmitRequestBody<'submitQ2ProFast'>);
        s.taskId = r.task_id;
        journal.append({ event: 'submitted', key: job.key, line: job.line, taskId: r.task_id });
        log(`line ${job.line}: task ${r.task_id} submitted (${job.spec.model})`);
      } catch (error) {
        const message = (error as Error).message;
        if (error instanceof SubmitOutcomeUnknownError) {
          journal.append({ event: 'unknown', key: job.key, line: job.line, message });
          log(`line ${job.line}: ${out.c.yellow('outcome unknown')}: ${message}`);
          return finish('unknown', message);
        }
        journal.append({ event: 'rejected', key: job.key, line: job.line, message });
        log(`line ${job.line}: ${out.c.red('submit failed')}: ${message}`);
        return finish('error', message);
      }
    } else {
      job.row = { status: 'interrupted', detail: '', resumed: true };
      log(`line ${job.line}: resuming task ${s.taskId}`);
    }
    const taskId = s.taskId!;
    if (intr.interrupted) return finish('interrupted', 'not waited for');
    const bar = multi?.create(100, 0, { label: `line ${job.line}`.padEnd(10), detail: '' });
    try {
      const saved = await waitAndSave(conn.client, taskId, {
        signal: intr.signal,
        out: job.out,
        notFoundGraceMs: 15_000,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(bar
          ? {
              progress: {
                update: (u) => bar.update(Math.round(u.status === 'TASK_STATUS_SUCCEED' ? 100 : (u.progressPercent ?? 0)), { detail: statusLabel(u.status) }),
                download: () => bar.update(100, { detail: 'download' }),
                stop: () => {},
              },
            }
          : {}),
      });
      journal.append({ event: 'succeeded', key: job.key, line: job.line, taskId, file: job.out, ...(saved.bytes !== undefined ? { bytes: saved.bytes } : {}) });
      log(`line ${job.line}: ${out.c.green('saved')} ${relative(process.cwd(), job.out)}`);
      finish('succeeded', relative(process.cwd(), job.out));
    } catch (error) {
      if (intr.interrupted) return finish('interrupted', 'still running on the server');
      if (error instanceof TaskFailedError) {
        journal.append({ event: 'failed', key: job.key, line: job.line, taskId, reason: error.reason ?? 'failed' });
        log(`line ${job.line}: ${out.c.red('failed')}: ${error.reason ?? 'no reason given'}`);
        return finish('failed', error.reason ?? 'no reason given');
      }
      const message = (error as Error).message;
      journal.append({ event: 'error', key: job.key, line: job.line, taskId, message });
      log(`line ${job.line}: ${out.c.red('error')} (task ${taskId}): ${message}`);
      return finish('error', message);
    } finally {
      if (bar) multi?.remove(bar);
    }
  };

  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (intr.interrupted) {
        job.row = { status: 'interrupted', detail: 'not started', ...(job.state.taskId ? { taskId: job.state.taskId } : {}) };
        continue;
      }
      await runJob(job);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  } finally {
    multi?.stop();
    journal.close();
    await conn.close();
  }

  // The summary.
  const c = out.c;
  const colour = (s: RowStatus) => (s === 'succeeded' || s === 'skipped' ? c.green : s === 'interrupted' || s === 'unknown' ? c.yellow : c.red)(s);
  const table = new Table({
    head: ['line', 'model', 'status', 'task id', 'output / reason', 'time'],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: [6, 19, 13, 38, Math.max(24, Math.min(60, (out.streams.stderr.columns ?? 120) - 90)), 8],
  });
  const counts: Record<RowStatus, number> = { succeeded: 0, failed: 0, error: 0, unknown: 0, interrupted: 0, skipped: 0 };
  for (const job of jobs) {
    const row = job.row ?? { status: 'interrupted' as const, detail: 'not started' };
    counts[row.status]++;
    table.push([String(job.line), job.spec.model, colour(row.status), row.taskId ?? job.state.taskId ?? '', row.detail, row.ms !== undefined ? formatSeconds(row.ms / 1000) : '']);
  }
  out.log(table.toString());
  const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  out.log(`${summary} in ${formatSeconds((Date.now() - started) / 1000)}`);
  const report = flags.report === false ? undefined : reportAfterBatch(journalPath, jobsPath, out);

  const exitCode = intr.interrupted
    ? EXIT.interrupted
    : counts.failed + counts.error + counts.unknown + counts.interrupted > 0
      ? EXIT.failure
      : EXIT.ok;
  if (intr.interrupted) {
    out.log(`${c.yellow('interrupted.')} every task id is in the journal; resume with: ${resumeCmd}`);
  } else if (exitCode !== EXIT.ok && counts.error) {
    out.log(`rerun to retry the jobs with errors (tasks already submitted are waited for, not resubmitted): ${resumeCmd}`);
  }
  out.result({
    ok: exitCode === EXIT.ok,
    exitCode,
    journal: journalPath,
    counts,
    ...(report ? { report } : {}),
    ...(intr.interrupted ? { interrupted: true, resume: resumeCmd } : {}),
    jobs: jobs.map((j) => ({
      line: j.line,
      model: j.spec.model,
      status: j.row?.status ?? 'interrupted',
      ...(j.row?.taskId ?? j.state.taskId ? { taskId: j.row?.taskId ?? j.state.taskId } : {}),
      ...(j.row?.status === 'succeeded' || j.row?.status === 'skipped' ? { file: j.out } : {}),
      ...(j.row && j.row.status !== 'succeeded' && j.row.status !== 'skipped' ? { detail: j.row.detail } : {}),
    })),
  });
  return exitCode;
}

function needsSubmit(job: Job, flags: BatchFlags): boolean {
  const s = job.state;
  if (s.outcome === 'failed') return flags.retryFailed === true;
  if (s.outcome === 'unknown' || (s.pendingSubmit && !s.taskId)) return flags.resubmitUnknown === true;
  if (s.outcome === 'rejected') return true;
  return !s.taskId;
}
