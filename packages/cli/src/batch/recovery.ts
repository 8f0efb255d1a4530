/**
 * What a batch says about the journal it starts from (torn lines and their cause, a lock left
 * by a killed or failed run, tasks that live on another server) and, when its own journal
 * writes fail, the task ids it could not journal.
 */
import { statfsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Journal } from '../journal.js';
import { safe, shellQuote, type Output } from '../output.js';
import type { Job } from './jobs.js';
import type { JournalLock } from './lock.js';
import { goneWithSimulator, isDone, type BatchRun } from './run-job.js';

/** Free bytes on the journal's file system, when the platform says. */
function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(dirname(path));
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

export interface StartContext {
  journal: Journal;
  lock: JournalLock;
  jobs: Job[];
  /** Journal lines that could not be read (1-based). */
  torn: number[];
  server: string;
}

/** Warnings and recovery at the start of a run; false when the journal cannot take the recovered ids. */
export function journalStart(out: Output, ctx: StartContext): boolean {
  const { journal, lock, jobs, torn, server } = ctx;
  const where = relative(process.cwd(), journal.path) || journal.path;
  const stale = lock.stale;
  if (stale?.note) {
    out.warn(`the last run on this journal (pid ${stale.pid}, started ${stale.started}) stopped because it could not write the journal: ${safe(stale.note.journalError)}`);
  } else if (stale) {
    out.warn(`the last run on this journal (pid ${stale.pid} on ${safe(stale.host)}, started ${stale.started}) ended without releasing it (killed?): its lock was removed`);
  }
  for (const u of stale?.note?.unjournaled ?? []) {
    try {
      journal.append({ event: 'submitted', key: u.key, line: u.line, taskId: u.taskId, ...(u.server ? { server: u.server } : {}), recovered: true });
    } catch (error) {
      out.error(`${(error as Error).message}; the ids are still noted in ${lock.path}`);
      lock.note(stale!.note!);
      return false;
    }
    const job = jobs.find((j) => j.key === u.key);
    if (job) {
      job.state = { pendingSubmit: false, taskId: u.taskId, ...(u.server ? { server: u.server } : {}) };
    }
    out.log(`line ${u.line}: task ${safe(u.taskId)} recovered into the journal (the last run could not write it)`);
  }

  if (torn.length) {
    const free = freeBytes(journal.path);
    const cause = stale?.note
      ? `cut short by a write that failed (${safe(stale.note.journalError)})`
      : stale
        ? `cut short when pid ${stale.pid} was stopped in the middle of a write`
        : free !== undefined && free < 64 * 1024
          ? `probably cut short by a full disk (${free} bytes free on its file system)`
          : 'cut short by a kill, a crash or a failed write';
    out.warn(`journal ${where}: skipped unreadable line(s) ${torn.join(', ')}, ${cause}`);
  }

  const open = jobs.filter((j) => j.state.taskId && !isDone(j.state) && j.state.outcome !== 'failed');
  const gone = open.filter((j) => goneWithSimulator(j.state));
  if (gone.length) {
    out.log(`${gone.length} job${gone.length === 1 ? '' : 's'} in the journal ran on an embedded simulator that has stopped (nothing was billed): submitted again`);
  }
  const elsewhere = open.filter((j) => j.state.server && j.state.server !== 'embedded' && j.state.server !== server);
  if (elsewhere.length) {
    const servers = [...new Set(elsewhere.map((j) => j.state.server!))].map(safe).join(', ');
    out.warn(`${elsewhere.length} task${elsewhere.length === 1 ? '' : 's'} in the journal were submitted to ${servers}, but this run uses ${safe(server)}: pass the same --base-url or --provider to resume them`);
  }
  const unknownOrigin = open.filter((j) => !j.state.server);
  if (server === 'embedded' && unknownOrigin.length) {
    out.warn(
      `${unknownOrigin.length} task${unknownOrigin.length === 1 ? '' : 's'} in the journal came from an earlier process; the embedded simulator of this run cannot know them. ` +
        `Resume them with the --base-url or --provider that created them, or start over with another journal (--journal <new file>; on a real provider that submits and bills them again).`,
    );
  }
  return true;
}

/** The end of a run whose journal failed: every task id that is not in it, and where it is noted. */
export function reportUnjournaled(out: Output, run: BatchRun, lock: JournalLock): void {
  const error = run.journalFailure!;
  const noted = lock.note({
    journalError: `${error.code ? `${error.code}: ` : ''}${error.message}`,
    unjournaled: run.unjournaled.map(({ key, line, taskId, server }) => ({ key, line, taskId, server })),
  });
  const c = out.c;
  if (run.unjournaled.length === 0) {
    out.error(`${error.message}. Every task submitted is in the journal; free some space and rerun the same command.`);
    return;
  }
  const n = run.unjournaled.length;
  out.error(`${n} task${n === 1 ? ' was' : 's were'} created but could not be written to the journal (${error.message}). Keep these ids:`);
  for (const u of run.unjournaled) out.log(`  line ${u.line} (${u.model}): task ${c.bold(safe(u.taskId))}  ${safe(u.job)}`);
  if (noted) out.log(`They are also noted in ${lock.path}: after freeing space, rerun the same command and they are added to the journal and waited for.`);
  else out.log(`Wait for each with: ${shellQuote('vidu')} wait <task id> --out <file> (a rerun would not know them).`);
}
