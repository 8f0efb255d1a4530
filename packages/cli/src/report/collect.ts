/**
 * What the report shows, read from the journal (fates, task ids, times) and the jobs file
 * (model, prompt, parameters). Every string that came from a person or a server is cleaned
 * here (API key redacted, control and bidi-override characters neutralised, length bounded),
 * so the renderer only has to escape.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { redact } from '@vidukit/client';
import { safe } from '../output.js';
import { defaultJournalPath, jobKeyer } from '../batch/jobs.js';
import { applyRecord, readJournalRecords, type JobState, type JournalRecord } from '../journal.js';

export const REPORT_STATUSES = ['succeeded', 'failed', 'rejected', 'error', 'in-doubt', 'pending', 'not-started'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportJob {
  /** Line in the jobs file (or, for a job no longer in it, the line the journal recorded). */
  line: number;
  model: string;
  prompt: string;
  /** Every other field of the job line, as `[name, value]` text. */
  params: [string, string][];
  status: ReportStatus;
  taskId?: string;
  /** Epoch milliseconds of the last submit, its outcome, and the difference. */
  submitted?: number;
  finished?: number;
  waitedMs?: number;
  /** Submits made for this job (more than 1 after `--retry-failed` and the like). */
  attempts: number;
  /** Absolute path of the saved video, when it exists on disk. */
  videoFile?: string;
  bytes?: number;
  /** The failure reason, the error, or what an in-doubt or unfinished job means. */
  note?: string;
  /** True when the journal has this job but the jobs file no longer does. */
  orphan?: boolean;
}

export interface ReportData {
  jobsFile: string;
  journalFile: string;
  generatedAt: number;
  counts: Record<ReportStatus, number>;
  /** First and last journal record times (epoch ms). */
  firstEvent?: number;
  lastEvent?: number;
  /** Submits beyond each job's first, and waits started again after an error. */
  resubmits: number;
  rewaits: number;
  /** Journal lines that could not be read (a write cut short by a kill). */
  skippedLines: number[];
  jobs: ReportJob[];
}

/** Longest text kept from any one field; prompts are at most 2,000 characters in the spec. */
export const MAX_TEXT = 2_000;
const MAX_PARAM = 300;

/**
 * Text fit for the page: no API key, control and bidi-override characters shown as escapes
 * (the CLI's `safe`, line by line so a prompt keeps its newlines), bounded length.
 */
export function cleanText(value: unknown, max = MAX_TEXT): string {
  const raw = redact(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  const text = raw.split('\n').map(safe).join('\n');
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** A parameter value as text, with inline images shortened to their type and size. */
function paramText(value: unknown): string {
  const plainList = Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number');
  const text = typeof value === 'string' ? value : plainList ? value.join(', ') : (JSON.stringify(value) ?? String(value));
  const short = text.replace(/data:([\w/+.-]*);base64,([A-Za-z0-9+/=]{64,})/g, (_, type: string, b64: string) => `data:${type};base64,… (${Math.round((b64.length * 3) / 4 / 1024)} KB)`);
  return cleanText(short, MAX_PARAM);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // a dangling link, or gone since the listing
  }
}

/** The jobs file a journal belongs to: the file beside it whose default journal it is. */
export function findJobsFile(journalPath: string): string | undefined {
  const dir = dirname(journalPath);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const matches = names
    .map((n) => join(dir, n))
    .filter((p) => p !== journalPath && defaultJournalPath(p) === journalPath && isFile(p));
  return matches.length === 1 ? matches[0] : undefined;
}

interface Times {
  attempts: number;
  rewaits: number;
  submitted?: number;
  finished?: number;
  bytes?: number;
  lastLine: number;
}

const TERMINAL = new Set<JournalRecord['event']>(['succeeded', 'failed', 'rejected', 'unknown', 'error']);

function epoch(time: unknown): number | undefined {
  const t = typeof time === 'string' ? Date.parse(time) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

function statusOf(s: JobState | undefined): ReportStatus {
  if (!s) return 'not-started';
  switch (s.outcome) {
    case 'succeeded':
    case 'failed':
    case 'rejected':
    case 'error':
      return s.outcome;
    case 'unknown':
      return 'in-doubt';
  }
  return s.taskId ? 'pending' : s.pendingSubmit ? 'in-doubt' : 'not-started';
}

function noteOf(status: ReportStatus, s: JobState | undefined): string | undefined {
  const reason = s?.reason !== undefined ? cleanText(s.reason) : undefined;
  switch (status) {
    case 'failed':
      return reason ?? 'the task failed; no reason given';
    case 'rejected':
      return `the provider refused the submit, no task was created${reason ? `: ${reason}` : ''}`;
    case 'error':
      return `waiting or downloading went wrong (not the task); rerun the batch to wait again${reason ? `: ${reason}` : ''}`;
    case 'in-doubt':
      return `in doubt: the submit's answer was lost, so the task may exist and be billed; \`vidu batch --resubmit-unknown\` submits again${reason ? `. ${reason}` : ''}`;
    case 'pending':
      return 'submitted, no outcome recorded yet (interrupted or still running); rerun the batch to wait for it';
    default:
      return undefined;
  }
}

/** The saved video: where the journal says, or beside the jobs file if the folder was moved. */
function videoOf(s: JobState | undefined, jobsDir: string): string | undefined {
  if (s?.outcome !== 'succeeded' || typeof s.file !== 'string') return undefined;
  return [resolve(jobsDir, s.file), join(jobsDir, basename(s.file))].find(isFile);
}

export function collectReport(journalPath: string, jobsPath: string, now = Date.now()): ReportData {
  const jobsDir = dirname(jobsPath);
  const { records, skipped } = readJournalRecords(journalPath);
  const states = new Map<string, JobState>();
  const times = new Map<string, Times>();
  let firstEvent: number | undefined;
  let lastEvent: number | undefined;
  for (const r of records) {
    const s = states.get(r.key) ?? { pendingSubmit: false };
    applyRecord(s, r);
    states.set(r.key, s);
    const t = times.get(r.key) ?? { attempts: 0, rewaits: 0, lastLine: 0 };
    times.set(r.key, t);
    if (typeof r.line === 'number') t.lastLine = r.line;
    const at = epoch(r.time);
    if (at !== undefined) {
      firstEvent = Math.min(firstEvent ?? at, at);
      lastEvent = Math.max(lastEvent ?? at, at);
    }
    if (r.event === 'submitting') {
      t.attempts++;
      t.submitted = at;
      delete t.finished;
    } else if (r.event === 'submitted') {
      t.submitted = at ?? t.submitted;
      delete t.finished;
    } else if (TERMINAL.has(r.event)) {
      t.finished = at;
      if (r.event === 'succeeded' && typeof r.bytes === 'number') t.bytes = r.bytes;
    }
  }
  // Every error but a job's final outcome was followed by another wait.
  for (const r of records) if (r.event === 'error') times.get(r.key)!.rewaits++;
  for (const [key, s] of states) if (s.outcome === 'error') times.get(key)!.rewaits--;

  const jobs: ReportJob[] = [];
  const keyOf = jobKeyer();
  const seen = new Set<string>();
  const lines = existsSync(jobsPath) ? readFileSync(jobsPath, 'utf8').split('\n') : [];
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (!text || text.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    const key = keyOf(value);
    seen.add(key);
    jobs.push(jobOf(i + 1, value, states.get(key), times.get(key), jobsDir));
  });
  for (const [key, s] of states) {
    if (seen.has(key)) continue;
    const job = jobOf(times.get(key)?.lastLine ?? 0, {}, s, times.get(key), jobsDir);
    jobs.push({ ...job, orphan: true, model: '(not in the jobs file any more)' });
  }

  const counts = Object.fromEntries(REPORT_STATUSES.map((k) => [k, 0])) as Record<ReportStatus, number>;
  for (const j of jobs) counts[j.status]++;
  let resubmits = 0;
  let rewaits = 0;
  for (const t of times.values()) {
    resubmits += Math.max(0, t.attempts - 1);
    rewaits += Math.max(0, t.rewaits);
  }
  return {
    jobsFile: jobsPath,
    journalFile: journalPath,
    generatedAt: now,
    counts,
    ...(firstEvent !== undefined ? { firstEvent, lastEvent } : {}),
    resubmits,
    rewaits,
    skippedLines: skipped,
    jobs,
  };
}

function jobOf(line: number, value: unknown, s: JobState | undefined, t: Times | undefined, jobsDir: string): ReportJob {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const params: [string, string][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'model' || k === 'prompt' || k === 'out') continue;
    params.push([cleanText(k, 60), paramText(v)]);
  }
  const status = statusOf(s);
  const note = noteOf(status, s);
  const videoFile = videoOf(s, jobsDir);
  const job: ReportJob = {
    line,
    model: cleanText(obj.model ?? '', 100),
    prompt: obj.prompt === undefined ? '' : cleanText(obj.prompt),
    params,
    status,
    attempts: t?.attempts ?? 0,
  };
  if (s?.taskId !== undefined) job.taskId = cleanText(s.taskId, 100);
  if (t?.submitted !== undefined) job.submitted = t.submitted;
  if (t?.finished !== undefined && status !== 'pending') job.finished = t.finished;
  if (job.submitted !== undefined && job.finished !== undefined) job.waitedMs = Math.max(0, job.finished - job.submitted);
  if (videoFile) job.videoFile = videoFile;
  else if (status === 'succeeded') job.note = 'the video file is not where the journal says (moved or deleted)';
  if (t?.bytes !== undefined) job.bytes = t.bytes;
  if (note !== undefined) job.note = note;
  return job;
}
