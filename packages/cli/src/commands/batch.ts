/**
 * `vidu batch jobs.jsonl`: one job per line, N at a time. Every task id goes to the journal
 * (append + fsync) the moment it is known, so a rerun after an interruption waits for the
 * tasks already submitted instead of submitting (and paying for) them again. One run per
 * journal at a time (batch/lock.ts).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { checkJob, parseTimeout } from '../body/check.js';
import { fsMessage, type Problem } from '../body/problems.js';
import { connect, type Connection, type GlobalOptions } from '../connection.js';
import { EXIT, problemLine, reportFailure, reportProblems } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { Journal, readJournal, type JournalWriteError } from '../journal.js';
import { printableLine, safe, shellQuote, type Output } from '../output.js';
import { defaultJournalPath, readJobs, removeStaleParts, type Job } from '../batch/jobs.js';
import { JournalBusyError, JournalLock } from '../batch/lock.js';
import { needsSubmit, runJob, type BatchRun, type JobBar } from '../batch/run-job.js';
import { jobJson, printSummary, type Row } from '../batch/summary.js';
import { journalStart, reportUnjournaled } from '../batch/recovery.js';
import { createWaiter, SignalFanout } from '../batch/waiter.js';
import { reportAfterBatch } from '../report/write.js';

export { defaultJournalPath };

/** Polls a minute for the whole batch, by default: providers rate-limit; a local server does not. */
const PROVIDER_POLLS_PER_MINUTE = 60;
const LOCAL_POLLS_PER_MINUTE = 6000;

export interface BatchFlags {
  concurrency?: string;
  pollsPerMinute?: string;
  journal?: string;
  timeout?: string;
  retryFailed?: boolean;
  resubmitUnknown?: boolean;
  /** False with `--no-report`. */
  report?: boolean;
}

export async function batchCommand(file: string, flags: BatchFlags, g: GlobalOptions, out: Output, intr: InterruptScope): Promise<number> {
  const problems: Problem[] = [];
  const concurrency = flags.concurrency === undefined ? 4 : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    problems.push({ path: '', flag: '--concurrency', message: `must be a positive integer, got ${JSON.stringify(flags.concurrency)}` });
  }
  const pollsPerMinute = flags.pollsPerMinute === undefined ? undefined : Number(flags.pollsPerMinute);
  if (pollsPerMinute !== undefined && !(Number.isInteger(pollsPerMinute) && pollsPerMinute >= 1)) {
    problems.push({ path: '', flag: '--polls-per-minute', message: `must be a positive integer, got ${JSON.stringify(flags.pollsPerMinute)}` });
  }
  const timeoutMs = parseTimeout(flags.timeout, problems);
  const jobsPath = resolve(file);
  if (!existsSync(jobsPath)) problems.push({ path: '', flag: '<jobs.jsonl>', message: `${file} does not exist` });
  if (problems.length) return reportProblems(out, problems);

  const baseDir = resolve(jobsPath, '..');
  const journalPath = resolve(flags.journal ?? defaultJournalPath(jobsPath));
  let lock: JournalLock;
  try {
    lock = JournalLock.acquire(journalPath, ['vidu', 'batch', file].join(' '));
  } catch (error) {
    if (error instanceof JournalBusyError) return reportFailure(out, error);
    return journalUnwritable(out, journalPath, error);
  }
  try {
    return await locked();
  } finally {
    lock.release(true);
  }

  async function locked(): Promise<number> {
    const journalRead = readJournal(journalPath);
    const jobs = readJobs(jobsPath, file, journalRead.states, problems);
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
    let journal: Journal;
    try {
      journal = Journal.open(journalPath);
    } catch (error) {
      await conn.close();
      return journalUnwritable(out, journalPath, error);
    }
    try {
      return await execute(jobs, conn, journal, journalRead.skipped);
    } finally {
      journal.close();
      await conn.close();
    }
  }

  async function execute(jobs: Job[], conn: Connection, journal: Journal, torn: number[]): Promise<number> {
    const server = conn.embedded ? 'embedded' : conn.target;
    if (!journalStart(out, { journal, lock, jobs, torn, server })) {
      out.result({ ok: false, exitCode: EXIT.journal, journal: journalPath, error: { name: 'JournalWriteError', message: 'the journal cannot be written' } });
      return EXIT.journal;
    }
    for (const p of removeStaleParts(jobs)) out.log(`removed ${relative(process.cwd(), p)}, left by a download that was cut off`);
    const resumeCmd = ['vidu', 'batch', file, '--concurrency', String(concurrency), '--journal', journalPath, ...conn.flags].map(shellQuote).join(' ');
    const resumed = jobs.filter((j) => j.state.taskId || j.state.outcome).length;
    // One budget for the whole batch: the providers limit requests per minute per endpoint.
    const budget = pollsPerMinute ?? (conn.local ? LOCAL_POLLS_PER_MINUTE : PROVIDER_POLLS_PER_MINUTE);
    out.log(
      `${jobs.length} job${jobs.length === 1 ? '' : 's'}, concurrency ${concurrency}, at most ${budget} polls a minute, journal ${relative(process.cwd(), journalPath) || journalPath}` +
        (resumed ? ` (${resumed} already in the journal: resuming, nothing is submitted twice)` : ''),
    );
    intr.onForceExit(() => {
      journal.close();
      lock.release(true);
      out.log(conn.embedded ? '\nstopped.' : `\nstopped. resume with: ${resumeCmd}`);
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
    const signals = new SignalFanout(intr.signal);
    const run: BatchRun = {
      out,
      conn,
      server,
      journal,
      waiter: createWaiter(conn.client, { concurrency, pollsPerMinute: budget }),
      signals,
      intr,
      flags,
      timeoutMs,
      log: (line) => (multi ? multi.log(`${printableLine(line)}\n`) : out.log(line)),
      bar: (job) => {
        const b = multi?.create(100, 0, { label: `line ${job.line}`.padEnd(10), detail: '' });
        return b ? ({ update: (pct, detail) => b.update(Math.round(pct), { detail }), done: () => multi!.remove(b) } satisfies JobBar) : undefined;
      },
      tick: () => overall?.increment(),
      rows: new Map<Job, Row>(),
      unjournaled: [],
      onJournalFailure(error: JournalWriteError) {
        if (run.journalFailure) return;
        run.journalFailure = error;
        run.log(`${out.c.red('error:')} ${error.message}: no new job is submitted; submits in flight finish and their task ids are listed at the end`);
        signals.abortAll(error);
      },
    };

    const started = Date.now();
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (intr.interrupted || run.journalFailure) {
          const detail = run.journalFailure ? 'not started: the journal could not be written' : 'not started';
          run.rows.set(job, { status: 'interrupted', detail, ...(job.state.taskId ? { taskId: job.state.taskId } : {}) });
          continue;
        }
        await runJob(run, job);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    } finally {
      multi?.stop();
      signals.dispose();
      run.waiter.close();
    }

    const counts = printSummary(out, jobs, run.rows, Date.now() - started);
    if (run.journalFailure) reportUnjournaled(out, run, lock);
    const report = flags.report === false ? undefined : reportAfterBatch(journalPath, jobsPath, out);
    const exitCode = run.journalFailure
      ? EXIT.journal
      : intr.interrupted
        ? EXIT.interrupted
        : counts.failed + counts.error + counts.unknown + counts.interrupted > 0
          ? EXIT.failure
          : EXIT.ok;
    const c = out.c;
    if (intr.interrupted && conn.embedded) {
      out.log(
        `${c.yellow('interrupted.')} these tasks ran on the embedded simulator, which stopped with this process: they cannot be resumed. ` +
          'Run the same command again to submit them anew (nothing is billed on the simulator).',
      );
    } else if (intr.interrupted) {
      out.log(`${c.yellow('interrupted.')} every task id is in the journal; resume with: ${resumeCmd}`);
    }
    const unknown = jobs.filter((j) => run.rows.get(j)?.unknownToServer);
    if (unknown.length) {
      const servers = [...new Set(unknown.map((j) => j.state.server).filter(Boolean))].map((s) => safe(s)).join(', ');
      out.log(
        `${unknown.length} task${unknown.length === 1 ? '' : 's'} of the journal ${unknown.length === 1 ? 'is' : 'are'} unknown to ${safe(server)}. ` +
          `Resume ${unknown.length === 1 ? 'it' : 'them'} against the server that created ${unknown.length === 1 ? 'it' : 'them'}${servers ? ` (the journal says ${servers})` : ''} with --base-url or --provider, ` +
          'or start over with another journal (--journal <new file>), which submits them again (billed again on a real provider).',
      );
    } else if (exitCode === EXIT.failure && counts.error) {
      out.log(`rerun to retry the jobs with errors (tasks already submitted are waited for, not resubmitted): ${resumeCmd}`);
    }
    out.result({
      ok: exitCode === EXIT.ok,
      exitCode,
      journal: journalPath,
      counts,
      ...(report ? { report } : {}),
      ...(intr.interrupted ? { interrupted: true, ...(conn.embedded ? {} : { resume: resumeCmd }) } : {}),
      ...(run.journalFailure
        ? { error: { name: 'JournalWriteError', message: run.journalFailure.message, code: run.journalFailure.code }, unjournaled: run.unjournaled }
        : {}),
      jobs: jobs.map((j) => jobJson(j, run.rows.get(j))),
    });
    return exitCode;
  }
}

/** The journal (or its lock) cannot be created: nothing was submitted. */
function journalUnwritable(out: Output, journalPath: string, error: unknown): number {
  const where = relative(process.cwd(), journalPath) || journalPath;
  out.error(`${fsMessage(error, 'write the journal', where)}. Nothing was submitted.`);
  out.log(`--journal <file> puts the journal (and its .lock) in a folder you can write, e.g. --journal ${shellQuote(`${out.streams.env.HOME ?? '/tmp'}/${safe(relative(resolve(journalPath, '..'), journalPath))}`)}`);
  out.result({ ok: false, exitCode: EXIT.failure, journal: journalPath, error: { name: 'JournalError', message: fsMessage(error, 'write the journal', where), code: (error as NodeJS.ErrnoException).code } });
  return EXIT.failure;
}
