/**
 * The jobs file -> jobs: each line's bytes must be UTF-8 (a wrong byte would otherwise be
 * replaced silently and the prompt sent altered), parse as JSON and describe a job. A job's
 * key is its content hash plus its occurrence, so inserting or reordering lines does not make
 * a rerun resubmit anything. Two jobs may not write the same file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { specFromJobObject } from '../body/job-object.js';
import type { JobSpec } from '../body/job-spec.js';
import { fsMessage, type Problem } from '../body/problems.js';
import type { JobState } from '../journal.js';
import { MODEL_NAMES } from '../spec.js';
import { partialDownloadOf } from '@vidukit/polling/node';

export interface Job {
  line: number;
  /** The line as written in the jobs file (for messages that must let a person find the job). */
  text: string;
  key: string;
  spec: JobSpec;
  out: string;
  state: JobState;
  operationId?: string;
  body?: Record<string, unknown>;
}

/** `jobs.jsonl` -> `jobs.journal.jsonl` beside it. */
export function defaultJournalPath(jobsFile: string): string {
  const ext = extname(jobsFile);
  return join(dirname(jobsFile), `${basename(jobsFile, ext)}.journal.jsonl`);
}

/**
 * A job's key in the journal: the hash of its JSON plus its occurrence number. Returns a
 * function giving each parsed job value its key, in file order (`vidu report` reads the keys
 * back with it).
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

/** Where UTF-8 decoding of `bytes` breaks, 0-based: the longest prefix that decodes, found by bisection. */
function badUtf8Offset(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      // Streaming: a prefix that ends inside a valid sequence is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // An ASCII byte breaks a sequence only by ending it early: name the sequence's first byte.
  let at = Math.min(lo, bytes.length - 1);
  if (bytes[at]! < 0x80) while (at > 0 && bytes[at]! < 0xc0) at--;
  return at;
}

export function readJobs(jobsPath: string, shownAs: string, states: Map<string, JobState>, problems: Problem[]): Job[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(jobsPath);
  } catch (error) {
    problems.push({ path: '', flag: '<jobs.jsonl>', message: fsMessage(error, 'read', shownAs) });
    return [];
  }
  const baseDir = dirname(jobsPath);
  const jobs: Job[] = [];
  const keyOf = jobKeyer();
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw).trim();
    } catch {
      const at = badUtf8Offset(raw);
      problems.push({
        path: '',
        flag: `line ${line}`,
        message: `not valid UTF-8: byte 0x${raw[at]?.toString(16).padStart(2, '0')} at column ${at + 1} (save the file as UTF-8)`,
      });
      continue;
    }
    if (!text || text.startsWith('//')) continue;
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
    jobs.push({ line, text, key, spec: { ...spec, out }, out, state: states.get(key) ?? { pendingSubmit: false } });
  }
  problems.push(...duplicateOutputs(jobs));
  return jobs;
}

/** Two jobs writing one file: both would be billed and the second video would replace the first. */
function duplicateOutputs(jobs: readonly Job[]): Problem[] {
  const byOut = new Map<string, number[]>();
  for (const j of jobs) byOut.set(j.out, [...(byOut.get(j.out) ?? []), j.line]);
  const problems: Problem[] = [];
  for (const [out, lines] of byOut) {
    if (lines.length < 2) continue;
    problems.push({
      path: '',
      flag: `lines ${lines.join(', ')} out`,
      message: `${lines.length} jobs write the same file ${relative(process.cwd(), out) || out}: give each job its own "out"`,
    });
  }
  return problems;
}

/**
 * Removes the temporary `.part` files a download of these jobs left behind when it was killed
 * (`.<name>.<12 hex>.part` beside the video). Called with the journal lock held, so no other
 * run of this batch is writing them.
 */
export function removeStaleParts(jobs: readonly Job[]): string[] {
  const removed: string[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const j of jobs) {
    const dir = dirname(j.out);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(basename(j.out));
  }
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const video = partialDownloadOf(e);
      if (video === undefined || !names.has(video)) continue;
      try {
        unlinkSync(join(dir, e));
        removed.push(join(dir, e));
      } catch {
        /* gone already, or not ours to remove */
      }
    }
  }
  return removed;
}
