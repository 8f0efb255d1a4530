/** `vidu report [journal]`: a page with every job's video, prompt, parameters and fate. */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { registerSecret } from '@vidukit/client';
import { UsageProblem, type GlobalOptions } from '../connection.js';
import { EXIT, reportFailure } from '../failure.js';
import { defaultJournalPath } from '../batch/jobs.js';
import type { Output } from '../output.js';
import { writeReport } from '../report/write.js';

export interface ReportFlags {
  jobs?: string;
  out?: string;
}

/** The one journal in the current folder, when none is named. */
function journalHere(cwd: string): string {
  const found = readdirSync(cwd).filter((n) => n.endsWith('.journal.jsonl'));
  if (found.length === 1) return join(cwd, found[0]!);
  if (found.length === 0) throw new UsageProblem(`[journal]: no *.journal.jsonl in ${cwd}; name the journal of a batch`);
  throw new UsageProblem(`[journal]: ${found.length} journals in ${cwd} (${found.join(', ')}); name one`);
}

export function reportCommand(journal: string | undefined, flags: ReportFlags, g: GlobalOptions, out: Output): number {
  // The page never needs the key; registering it makes sure no text carrying it reaches the page.
  registerSecret(g.apiKey ?? (out.streams.env.VIDU_API_KEY || undefined));
  try {
    const named = journal ?? journalHere(process.cwd());
    // `vidu report jobs.jsonl` (the jobs file rather than its journal) means the same batch.
    const jobsJournal = defaultJournalPath(resolve(named));
    const given = !named.endsWith('.journal.jsonl') && existsSync(jobsJournal) ? { journal: jobsJournal, jobs: named } : { journal: named };
    const r = writeReport({ ...given, ...flags });
    const counts = Object.entries(r.data.counts).filter(([, n]) => n > 0);
    out.log(`${r.data.jobs.length} job${r.data.jobs.length === 1 ? '' : 's'}: ${counts.map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
    out.out(relative(process.cwd(), r.file) || r.file);
    out.result({ ok: true, exitCode: EXIT.ok, file: r.file, bytes: r.bytes, jobs: r.data.jobs.length, counts: Object.fromEntries(counts) });
    return EXIT.ok;
  } catch (error) {
    return reportFailure(out, error);
  }
}
