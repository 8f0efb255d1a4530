/**
 * Writes `report.html` beside the videos: in the one folder that holds every saved video, else
 * beside the jobs file. Written to a temporary name and renamed, so a browser reloading it
 * never reads half a page.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageProblem } from '../connection.js';
import type { Output } from '../output.js';
import { collectReport, findJobsFile, type ReportData } from './collect.js';
import { renderReport } from './html.js';

export interface WriteReportOptions {
  journal: string;
  /** Default: the file beside the journal whose default journal it is. */
  jobs?: string;
  /** Default: `report.html` beside the videos. */
  out?: string;
}

export interface WrittenReport {
  file: string;
  bytes: number;
  data: ReportData;
}

export function reportDirFor(data: ReportData): string {
  const dirs = new Set(data.jobs.flatMap((j) => (j.videoFile ? [dirname(j.videoFile)] : [])));
  return dirs.size === 1 ? [...dirs][0]! : dirname(data.jobsFile);
}

export function writeReport(opts: WriteReportOptions): WrittenReport {
  const journal = resolve(opts.journal);
  if (!existsSync(journal)) throw new UsageProblem(`[journal]: ${opts.journal} does not exist`);
  const jobsArg = opts.jobs ?? findJobsFile(journal);
  if (jobsArg === undefined) {
    throw new UsageProblem(`--jobs: no jobs file found beside ${opts.journal} (its journal would be <name>.journal.jsonl); pass --jobs <jobs.jsonl>`);
  }
  const jobs = resolve(jobsArg);
  if (!existsSync(jobs)) throw new UsageProblem(`--jobs: ${jobsArg} does not exist`);
  const data = collectReport(journal, jobs);
  const file = resolve(opts.out ?? join(reportDirFor(data), 'report.html'));
  const html = renderReport(data, dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, html);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return { file, bytes: Buffer.byteLength(html), data };
}

/** The end of `vidu batch`: a report that cannot be written is a warning, never a failed batch. */
export function reportAfterBatch(journal: string, jobs: string, out: Output): string | undefined {
  try {
    const { file } = writeReport({ journal, jobs });
    out.log(`report: ${relative(process.cwd(), file) || file}`);
    return file;
  } catch (error) {
    out.warn(`could not write the report: ${(error as Error).message}`);
    return undefined;
  }
}
