/**
 * The batch journal: a JSONL file where every task id is written the moment it is known.
 * Append-only, one `write` per line, `fsync` after each, so a kill at any instant loses at most
 * the line being written; a torn last line is skipped on read (and a newline is written before
 * the next append so it cannot swallow the next record).
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type JournalEvent =
  /** About to submit: if no `submitted` follows, the task may or may not exist. */
  | { event: 'submitting'; key: string; line: number; server?: string }
  /** `server`: where the task lives (`embedded` for a simulator that ended with its process). */
  | { event: 'submitted'; key: string; line: number; taskId: string; server?: string; recovered?: true }
  /** The provider refused the submit: no task was created, a rerun may submit again. */
  | { event: 'rejected'; key: string; line: number; message: string }
  /** The submit's answer was lost: the task may exist and be billed. */
  | { event: 'unknown'; key: string; line: number; message: string }
  | { event: 'succeeded'; key: string; line: number; taskId: string; file: string; bytes?: number }
  | { event: 'failed'; key: string; line: number; taskId: string; reason: string }
  /** Waiting or downloading went wrong (not the task): a rerun waits again. */
  | { event: 'error'; key: string; line: number; taskId: string; message: string };

export type JournalRecord = JournalEvent & { time: string; v: 1 };

/** What the journal says about one job. */
export interface JobState {
  taskId?: string;
  /** The server the task was submitted to, when the journal says. */
  server?: string;
  /** When the task id was journaled (ms since the epoch). */
  submittedAt?: number;
  /** A submit was started and its outcome never recorded. */
  pendingSubmit: boolean;
  outcome?: 'succeeded' | 'failed' | 'unknown' | 'rejected' | 'error';
  file?: string;
  reason?: string;
}

export interface JournalRead {
  states: Map<string, JobState>;
  /** Lines that were not valid JSON (a torn last line after a kill), 1-based. */
  skipped: number[];
  records: number;
}

/** Every readable record in file order, and the 1-based numbers of the lines that were not. */
export function readJournalRecords(path: string): { records: JournalRecord[]; skipped: number[] } {
  const records: JournalRecord[] = [];
  const skipped: number[] = [];
  if (!existsSync(path)) return { records, skipped };
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const r = JSON.parse(text) as JournalRecord;
        if (!r || typeof r !== 'object' || typeof r.key !== 'string' || typeof r.event !== 'string') throw new Error('not a record');
        records.push(r);
      } catch {
        skipped.push(i + 1);
      }
    });
  return { records, skipped };
}

/** Folds one record into what the journal says about its job. */
export function applyRecord(s: JobState, r: JournalRecord): void {
  switch (r.event) {
    case 'submitting':
      s.pendingSubmit = true;
      delete s.taskId;
      if (r.server) s.server = r.server;
      else delete s.server;
      delete s.outcome;
      break;
    case 'submitted':
      s.pendingSubmit = false;
      s.taskId = r.taskId;
      if (r.server) s.server = r.server;
      else delete s.server;
      s.submittedAt = Date.parse(r.time);
      delete s.outcome;
      break;
    case 'rejected':
    case 'unknown':
      s.pendingSubmit = false;
      s.outcome = r.event;
      s.reason = r.message;
      break;
    case 'succeeded':
      s.taskId = r.taskId;
      s.outcome = 'succeeded';
      s.file = r.file;
      break;
    case 'failed':
      s.taskId = r.taskId;
      s.outcome = 'failed';
      s.reason = r.reason;
      break;
    case 'error':
      s.outcome = 'error';
      s.reason = r.message;
      break;
  }
}

/**
 * Reads a batch journal: the last recorded state of every job, and the line numbers of torn lines it skipped.
 *
 * @example
 * ```ts
 * import { readJournal } from '@vidukit/cli';
 *
 * // The journal `vidu batch jobs.jsonl` writes next to the jobs file.
 * const { states, skipped } = readJournal('jobs.jsonl.journal');
 * for (const [job, state] of states) console.log(job, state);
 * if (skipped.length) console.log('torn lines:', skipped);
 * ```
 */
export function readJournal(path: string): JournalRead {
  const states = new Map<string, JobState>();
  const { records, skipped } = readJournalRecords(path);
  for (const r of records) {
    const s = states.get(r.key) ?? { pendingSubmit: false };
    applyRecord(s, r);
    states.set(r.key, s);
  }
  return { states, skipped, records: records.length };
}

export class Journal {
  private fd: number | undefined;

  private constructor(readonly path: string) {}

  /** Opens for appending; creates the file (and syncs its directory) when new. */
  static open(path: string): Journal {
    const j = new Journal(path);
    const isNew = !existsSync(path);
    const fd = openSync(path, 'a+');
    j.fd = fd;
    if (isNew) {
      fsyncSync(fd);
      try {
        const dfd = openSync(dirname(path), 'r');
        try {
          fsyncSync(dfd);
        } finally {
          closeSync(dfd);
        }
      } catch {
        /* some platforms cannot fsync a directory; the file itself is synced */
      }
    } else {
      // A torn last line (no trailing newline) must not swallow the next record.
      const text = readFileSync(path, 'utf8');
      if (text.length > 0 && !text.endsWith('\n')) {
        writeSync(fd, '\n');
        fsyncSync(fd);
      }
    }
    return j;
  }

  /**
   * Appends one record and waits until it is on disk. A write that fails part-way (a full
   * disk) is cut back to the last whole record, so it leaves no torn line behind, and the
   * error is thrown as a JournalWriteError.
   */
  append(event: JournalEvent): void {
    if (this.fd === undefined) throw new Error('journal is closed');
    const record: JournalRecord = { v: 1, time: new Date().toISOString(), ...event };
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    const fd = this.fd;
    const size = fstatSync(fd).size;
    let off = 0;
    try {
      while (off < line.length) off += writeSync(fd, line, off, line.length - off);
      fsyncSync(fd);
    } catch (error) {
      if (off > 0) {
        try {
          ftruncateSync(fd, size);
        } catch {
          /* the torn line stays; the next read skips it and names the cause from the lock */
        }
      }
      throw new JournalWriteError(this.path, error);
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A journal record could not be written (a full disk, an I/O error): no task id may be lost. */
export class JournalWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot write the journal ${path}: ${code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : ((cause as Error | undefined)?.message ?? String(cause))}`);
    this.name = 'JournalWriteError';
    this.code = code;
  }
}
