/**
 * One job of a batch: submit (unless the journal says it was), journal the task id the moment
 * it is known, wait, download, journal the outcome.
 *
 * When the journal cannot be written (a full disk), no task id may be lost: the run stops
 * submitting, lets the submits in flight finish, stops the waits (their ids are journaled, a
 * rerun resumes them), and keeps every id it could not journal for the end of the run.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { SubmitOutcomeUnknownError, TaskNotFoundError, type SubmitRequestBody } from '@vidukit/client';
import { TaskFailedError } from '@vidukit/polling/node';
import type { Connection } from '../connection.js';
import { errorText } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import { JournalWriteError, type Journal, type JournalEvent, type JobState } from '../journal.js';
import { safe, statusLabel, type Output } from '../output.js';
import { save } from '../task.js';
import type { Job } from './jobs.js';
import type { Row, RowStatus } from './summary.js';
import type { BatchWaiter, SignalFanout } from './waiter.js';

export interface RetryFlags {
  retryFailed?: boolean;
  resubmitUnknown?: boolean;
}

/** A task that exists (and may be billed) but whose id is in no journal. */
export interface Unjournaled {
  key: string;
  line: number;
  model: string;
  taskId: string;
  server: string;
  job: string;
}

export interface JobBar {
  update(percent: number, detail: string): void;
  done(): void;
}

export interface BatchRun {
  out: Output;
  conn: Connection;
  /** Where this run's tasks live, as journaled: `embedded`, or the base URL / provider. */
  server: string;
  journal: Journal;
  waiter: BatchWaiter;
  signals: SignalFanout;
  intr: InterruptScope;
  flags: RetryFlags;
  timeoutMs: number | undefined;
  log(line: string): void;
  bar(job: Job): JobBar | undefined;
  tick(): void;
  rows: Map<Job, Row>;
  journalFailure?: JournalWriteError;
  unjournaled: Unjournaled[];
  onJournalFailure(error: JournalWriteError): void;
}

/** The journal's task is gone with the embedded simulator that ran it (nothing was billed). */
export function goneWithSimulator(s: JobState): boolean {
  return s.server === 'embedded' && (s.taskId !== undefined || s.pendingSubmit);
}

export function isDone(s: JobState): boolean {
  return s.outcome === 'succeeded' && s.file !== undefined && existsSync(s.file);
}

export function needsSubmit(job: Job, flags: RetryFlags): boolean {
  const s = job.state;
  if (isDone(s)) return false;
  if (s.outcome === 'failed') return flags.retryFailed === true;
  if (goneWithSimulator(s)) return true;
  if (s.outcome === 'unknown' || (s.pendingSubmit && !s.taskId)) return flags.resubmitUnknown === true;
  if (s.outcome === 'rejected') return true;
  return !s.taskId;
}

const NOT_FOUND_GRACE_MS = 15_000;

/**
 * A task created a moment ago may not be readable yet (404): retried for 15 s after its submit.
 * A task from an earlier run gets what is left of those 15 s, so one that the server does not
 * know is reported at once.
 */
function notFoundGrace(s: JobState, resumed: boolean): number {
  if (!resumed) return NOT_FOUND_GRACE_MS;
  const age = s.submittedAt !== undefined && Number.isFinite(s.submittedAt) ? Date.now() - s.submittedAt : Infinity;
  return Math.max(0, Math.min(NOT_FOUND_GRACE_MS, NOT_FOUND_GRACE_MS - age));
}

/** Appends, or records the failure for the run; false when the record is not on disk. */
function record(run: BatchRun, event: JournalEvent): boolean {
  if (run.journalFailure) return false;
  try {
    run.journal.append(event);
    return true;
  } catch (error) {
    run.onJournalFailure(error instanceof JournalWriteError ? error : new JournalWriteError(run.journal.path, error));
    return false;
  }
}

export async function runJob(run: BatchRun, job: Job): Promise<void> {
  const { out, flags } = run;
  const c = out.c;
  const s = job.state;
  const t0 = Date.now();
  const set = (status: RowStatus, detail: string, extra: Partial<Row> = {}) => {
    const prior = run.rows.get(job);
    run.rows.set(job, {
      status,
      detail,
      ms: Date.now() - t0,
      ...(s.taskId ? { taskId: s.taskId } : {}),
      ...(prior?.resumed ? { resumed: true } : {}),
      ...extra,
    });
    run.tick();
  };
  if (isDone(s)) return set('skipped', `already saved: ${relative(process.cwd(), s.file!)}`, { ms: undefined });
  if (s.outcome === 'failed' && !flags.retryFailed && s.taskId) {
    return set('failed', `${s.reason ?? 'failed'} (from the journal; --retry-failed submits again)`, { ms: undefined });
  }
  if (!goneWithSimulator(s) && (s.outcome === 'unknown' || (s.pendingSubmit && !s.taskId)) && !flags.resubmitUnknown) {
    return set('unknown', 'a submit was interrupted before its task id came back; the task may exist. --resubmit-unknown submits again', { ms: undefined });
  }

  if (needsSubmit(job, flags)) {
    if (run.journalFailure) return set('interrupted', 'not submitted: the journal could not be written');
    if (!record(run, { event: 'submitting', key: job.key, line: job.line, server: run.server })) {
      return set('interrupted', 'not submitted: the journal could not be written');
    }
    delete s.taskId;
    try {
      // Not aborted by Ctrl-C: the answer carries the task id, which must reach the journal.
      const r = await run.conn.client.submit(job.operationId as 'submitQ2ProFast', job.body as SubmitRequestBody<'submitQ2ProFast'>);
      s.taskId = r.task_id;
      // Printed before it is journaled: if the journal write fails, the id is on the screen.
      run.log(`line ${job.line}: task ${safe(r.task_id)} submitted (${job.spec.model})`);
      if (!record(run, { event: 'submitted', key: job.key, line: job.line, taskId: r.task_id, server: run.server })) {
        run.unjournaled.push({ key: job.key, line: job.line, model: job.spec.model, taskId: r.task_id, server: run.server, job: job.text });
        return set('unjournaled', 'created, but its id could not be written to the journal: see the list below');
      }
    } catch (error) {
      const message = errorText(out, error);
      if (error instanceof SubmitOutcomeUnknownError) {
        record(run, { event: 'unknown', key: job.key, line: job.line, message });
        run.log(`line ${job.line}: ${c.yellow('outcome unknown')}: ${message}`);
        return set('unknown', message);
      }
      record(run, { event: 'rejected', key: job.key, line: job.line, message });
      run.log(`line ${job.line}: ${c.red('submit failed')}: ${message}`);
      return set('error', message);
    }
  } else {
    run.rows.set(job, { status: 'interrupted', detail: '', resumed: true });
    run.log(`line ${job.line}: resuming task ${safe(s.taskId)}`);
  }
  const taskId = s.taskId!;
  if (run.intr.interrupted) return set('interrupted', 'not waited for');
  if (run.journalFailure) return set('interrupted', 'not waited for: the journal could not be written; a rerun waits for it');
  const bar = run.bar(job);
  const { signal, release } = run.signals.child();
  try {
    const result = await run.waiter.wait(taskId, {
      signal,
      notFoundGraceMs: notFoundGrace(s, run.rows.get(job)?.resumed === true),
      ...(run.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
      ...(bar ? { onProgress: (u) => bar.update(u.status === 'TASK_STATUS_SUCCEED' ? 100 : (u.progressPercent ?? 0), statusLabel(u.status)) } : {}),
    });
    bar?.update(100, 'download');
    const saved = await save(run.conn.client, result, job.out, { signal });
    record(run, { event: 'succeeded', key: job.key, line: job.line, taskId, file: job.out, ...(saved.bytes !== undefined ? { bytes: saved.bytes } : {}) });
    run.log(`line ${job.line}: ${c.green('saved')} ${relative(process.cwd(), job.out)}`);
    set('succeeded', relative(process.cwd(), job.out));
  } catch (error) {
    if (run.intr.interrupted) return set('interrupted', 'still running on the server');
    if (run.journalFailure && signal.aborted) return set('interrupted', 'not waited for: the journal could not be written; a rerun waits for it');
    if (error instanceof TaskFailedError) {
      const reason = safe(error.reason || 'no reason given');
      record(run, { event: 'failed', key: job.key, line: job.line, taskId, reason: error.reason ?? 'failed' });
      run.log(`line ${job.line}: ${c.red('failed')}: ${reason}`);
      return set('failed', reason);
    }
    const resumedHere = run.rows.get(job)?.resumed === true;
    const unknownToServer = error instanceof TaskNotFoundError && resumedHere;
    const message =
      unknownToServer
        ? `the server does not know this task (TASK_NOT_FOUND): it was created by an earlier run${s.server ? ` on ${safe(s.server)}` : ''}, not on ${safe(run.server)}`
        : errorText(out, error);
    record(run, { event: 'error', key: job.key, line: job.line, taskId, message });
    run.log(`line ${job.line}: ${c.red('error')} (task ${safe(taskId)}): ${message}`);
    return set('error', message, unknownToServer ? { unknownToServer } : {});
  } finally {
    release();
    bar?.done();
  }
}
