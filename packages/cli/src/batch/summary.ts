/**
 * The end of a batch: a table of every job and the counts. It is the run's result, so it goes
 * to stdout (`vidu batch jobs.jsonl > summary.txt` keeps it); with --json, stdout carries the
 * JSON document and the table goes to stderr. The table fits the terminal's width (120
 * columns at most when stdout is not a terminal).
 */
import Table from 'cli-table3';
import { formatSeconds, safe, type Output } from '../output.js';
import type { Job } from './jobs.js';

export type RowStatus = 'succeeded' | 'failed' | 'error' | 'unknown' | 'unjournaled' | 'interrupted' | 'skipped';

export interface Row {
  status: RowStatus;
  taskId?: string;
  detail: string;
  ms?: number;
  resumed?: boolean;
  /** A task from the journal that this run's server does not know. */
  unknownToServer?: boolean;
}

export type Counts = Record<RowStatus, number>;

export const MAX_PIPE_WIDTH = 120;

/** Column widths (each including cli-table3's one-space padding on both sides) for a total width. */
export function columnWidths(total: number): number[] {
  // line, model, status, task id, output / reason, time; 7 border characters.
  const w = { line: 6, model: 19, status: 13, task: 38, time: 8 };
  const minDetail = 20;
  let room = total - 7 - (w.line + w.model + w.status + w.task + w.time);
  // Narrow terminals: model names, then task ids wrap before the reason becomes unreadable
  // (a status, "interrupted" at most, never wraps).
  for (const [k, min] of [['model', 12], ['task', 14], ['time', 7]] as const) {
    if (room >= minDetail) break;
    const take = Math.min(w[k] - min, minDetail - room);
    w[k] -= take;
    room += take;
  }
  return [w.line, w.model, w.status, w.task, Math.max(room, 10), w.time];
}

export function printSummary(out: Output, jobs: readonly Job[], rows: Map<Job, Row>, elapsedMs: number): Counts {
  const toStdout = !out.json;
  const stream = toStdout ? out.streams.stdout : out.streams.stderr;
  const c = toStdout ? out.co : out.c;
  const width = stream.isTTY && stream.columns ? stream.columns : MAX_PIPE_WIDTH;
  const colour = (s: RowStatus) => (s === 'succeeded' || s === 'skipped' ? c.green : s === 'interrupted' || s === 'unknown' ? c.yellow : c.red)(s);
  const widths = columnWidths(width);
  const table = new Table({
    head: ['line', 'model', 'status', 'task id', 'output / reason', 'time'],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: widths,
  });
  const counts: Counts = { succeeded: 0, failed: 0, error: 0, unknown: 0, unjournaled: 0, interrupted: 0, skipped: 0 };
  for (const job of jobs) {
    const row = rows.get(job) ?? { status: 'interrupted' as const, detail: 'not started' };
    counts[row.status]++;
    const taskId = row.taskId ?? job.state.taskId ?? '';
    // Model names and task ids have no spaces to wrap at: cut them to the column (padding is 2).
    table.push([String(job.line), chunks(job.spec.model, widths[1]! - 2), colour(row.status), chunks(safe(taskId), widths[3]! - 2), safe(row.detail), row.ms !== undefined ? formatSeconds(row.ms / 1000) : '']);
  }
  const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const text = `${table.toString()}\n${summary} in ${formatSeconds(elapsedMs / 1000)}`;
  if (toStdout) out.out(text);
  else out.log(text);
  return counts;
}

/** One job as the --json document lists it. */
export function jobJson(job: Job, row: Row | undefined): Record<string, unknown> {
  const taskId = row?.taskId ?? job.state.taskId;
  const status = row?.status ?? 'interrupted';
  return {
    line: job.line,
    model: job.spec.model,
    status,
    ...(taskId ? { taskId } : {}),
    ...(status === 'succeeded' || status === 'skipped' ? { file: job.out } : {}),
    ...(row && status !== 'succeeded' && status !== 'skipped' ? { detail: row.detail } : {}),
  };
}

function chunks(text: string, size: number): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts.join('\n');
}
