/**
 * One `vidu batch` per journal at a time: two runs on the same journal would each submit (and
 * bill) every job. The lock is `<journal>.lock`, created exclusively, holding the owner's pid,
 * host and start time. A lock whose process is gone (killed) is stale and taken over.
 *
 * The lock file is written at a fixed padded size when taken, so that later notes fit in
 * blocks that are already allocated: when the journal cannot be written (a full disk), the
 * task ids that could not be journaled and the cause are noted here, where the next run finds
 * them.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

const SIZE = 8192;

export interface LockNote {
  /** Why the run stopped writing its journal (e.g. `ENOSPC: no space left on device`). */
  journalError: string;
  /** Task ids that were created but never reached the journal. */
  unjournaled: { key: string; line: number; taskId: string; server?: string }[];
}

export interface LockInfo {
  pid: number;
  host: string;
  /** The process's start time as /proc gives it, to tell a reused pid from the owner. */
  procStart?: string;
  started: string;
  command: string;
  note?: LockNote;
}

/** The journal is locked by a live process: this run must not start. */
export class JournalBusyError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: LockInfo,
    sameHost: boolean,
  ) {
    super(
      `the journal is in use by another \`vidu batch\` (pid ${owner.pid} on ${owner.host}, started ${owner.started}): ` +
        `two runs on one journal would submit and bill every job twice. Wait for it to finish` +
        (sameHost ? '' : `, or, if that process no longer runs, delete ${lockPath}`) +
        '; --journal <file> runs this batch with a separate journal.',
    );
    this.name = 'JournalBusyError';
  }
}

function procStart(pid: number | 'self'): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from its ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isRunning(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const now = procStart(info.pid);
  return !(info.procStart && now && now !== info.procStart);
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info?.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

export class JournalLock {
  private constructor(
    readonly path: string,
    private fd: number | undefined,
    private info: LockInfo,
    /** The lock this one replaced, when its process had died (with its note, if any). */
    readonly stale: LockInfo | undefined,
  ) {}

  /** Takes the lock, or throws JournalBusyError naming the process that holds it. */
  static acquire(journalPath: string, command: string): JournalLock {
    const path = `${journalPath}.lock`;
    const host = hostname();
    const info: LockInfo = { pid: process.pid, host, started: new Date().toISOString(), command };
    const start = procStart('self');
    if (start) info.procStart = start;
    let stale: LockInfo | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        const lock = new JournalLock(path, fd, info, stale);
        try {
          lock.write();
        } catch (error) {
          lock.release();
          throw error;
        }
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readLock(path);
      // A lock being written this instant reads as empty: look again.
      if (!owner) {
        if (attempt < 4) continue;
        throw new JournalBusyError(path, { pid: 0, host: '?', started: '?', command: '' }, false);
      }
      const gone = owner.pid === process.pid && owner.note !== undefined; // a run of this process that stopped on a journal error
      if (owner.host !== host || (!gone && isRunning(owner))) throw new JournalBusyError(path, owner, owner.host === host);
      // Stale: move it aside atomically, so two runs that both saw it stale cannot both take over.
      const aside = `${path}.${process.pid}.stale`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = readLock(aside);
      if (moved && moved.pid === owner.pid && moved.started === owner.started) {
        unlinkSync(aside);
        stale = owner;
      } else {
        // Another run took over between our read and our rename: put its lock back.
        try {
          linkSync(aside, path);
        } catch {
          /* a third run holds it now; the next attempt reads that one */
        }
        unlinkSync(aside);
      }
    }
    throw new Error(`could not take the journal lock ${path}`);
  }

  /**
   * Records why the journal could not be written, and the ids that are not in it, so the next
   * run can name the cause and recover them. Best effort: the disk may refuse this too.
   */
  note(note: LockNote): boolean {
    this.info = { ...this.info, note };
    try {
      this.write();
      return true;
    } catch {
      return false;
    }
  }

  private write(): void {
    if (this.fd === undefined) return;
    let text = JSON.stringify(this.info);
    while (Buffer.byteLength(text) > SIZE - 1 && this.info.note?.unjournaled.length) {
      this.info.note.unjournaled.pop();
      text = JSON.stringify(this.info);
    }
    const buf = Buffer.alloc(SIZE, 0x20);
    buf.write(text, 0, 'utf8');
    buf[SIZE - 1] = 0x0a;
    let off = 0;
    while (off < SIZE) off += writeSync(this.fd, buf, off, SIZE - off, off);
    fsyncSync(this.fd);
  }

  /**
   * Gives the lock up. With `keepNote`, a lock holding a note stays on disk (its process is
   * gone once this one exits, so the next run takes it over and reads the note).
   */
  release(keepNote = false): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (keepNote && this.info.note) return;
    try {
      if (readLock(this.path)?.pid === process.pid) unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }
}
