/**
 * How a jobs file and its journal refer to each other, for `vidu batch` (which writes the
 * journal) and `vidu report` (which reads both back): one definition for both.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';

/** `jobs.jsonl` -> `jobs.journal.jsonl` beside it. */
export function defaultJournalPath(jobsFile: string): string {
  const ext = extname(jobsFile);
  return join(dirname(jobsFile), `${basename(jobsFile, ext)}.journal.jsonl`);
}

/**
 * The key that ties a line of a jobs file to its journal records: the hash of the job's JSON
 * plus its occurrence number, so inserting or reordering lines does not make a rerun resubmit
 * anything. Returns a function giving each parsed job value its key, in file order.
 */
export function jobKeyer(): (value: unknown) => string {
  const seen = new Map<string, number>();
  return (value) => {
    const hash = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}#${n}`;
  };
}
