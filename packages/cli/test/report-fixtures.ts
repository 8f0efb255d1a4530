// Jobs files and journals on disk for the report tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobKeyer } from '../src/batch/jobs.js';

export function writeJobs(file: string, jobs: object[]): void {
  writeFileSync(file, `${jobs.map((j) => JSON.stringify(j)).join('\n')}\n`);
}

const SUBJECTS = ['a red fox', 'an old lighthouse keeper', 'a paper boat', 'two cyclists', 'a glass of iced tea', 'a city skyline', 'a street dancer', 'a sleepy cat'];
const ACTIONS = ['walks slowly through falling snow', 'turns to face the camera and smiles', 'drifts along a rain-soaked gutter', 'races downhill at golden hour', 'sweats in the midday sun'];

/**
 * A batch of `n` jobs as `vidu batch` would leave it: a jobs file with prompts of about 100
 * characters and a journal of submit, task id and outcome per job (every 10th failed, every
 * 50th in doubt), each succeeded job pointing at `video`. Written the way the CLI writes them.
 */
export function bigBatch(dir: string, n: number, video: string): { jobsFile: string; journal: string } {
  const jobs = Array.from({ length: n }, (_, i) => ({
    model: i % 2 ? 'q1-reference' : 'q2-pro-fast',
    prompt: `${SUBJECTS[i % SUBJECTS.length]} ${ACTIONS[i % ACTIONS.length]}, cinematic, shallow depth of field, take ${i + 1}`,
    ...(i % 2 ? { images: ['me.png'] } : { subjects: { '1': ['me.png'] } }),
    duration: 5,
    seed: i,
    out: `clip-${i + 1}.mp4`,
  }));
  const jobsFile = join(dir, 'jobs.jsonl');
  writeJobs(jobsFile, jobs);
  const keyOf = jobKeyer();
  const t0 = Date.parse('2026-03-01T10:00:00.000Z');
  const lines: string[] = [];
  const rec = (at: number, fields: object): void => {
    lines.push(JSON.stringify({ v: 1, time: new Date(t0 + at).toISOString(), ...fields }));
  };
  for (const [i, job] of jobs.entries()) {
    const key = keyOf(job);
    const line = i + 1;
    const at = i * 1_000;
    const taskId = `${String(i).padStart(5, '0')}-task-1b2d-4c3e-9f00-7a1b2c3d4e5f`;
    rec(at, { event: 'submitting', key, line });
    if (i % 50 === 49) {
      rec(at + 30_000, { event: 'unknown', key, line, message: 'the connection closed after the request was sent' });
      continue;
    }
    rec(at + 400, { event: 'submitted', key, line, taskId });
    if (i % 10 === 9) {
      rec(at + 20_000 + (i % 7) * 1_000, { event: 'failed', key, line, taskId, reason: 'content moderation: the prompt was rejected' });
      continue;
    }
    rec(at + 40_000 + (i % 13) * 1_000, { event: 'succeeded', key, line, taskId, file: video, bytes: 24_886 });
  }
  const journal = join(dir, 'jobs.journal.jsonl');
  writeFileSync(journal, `${lines.join('\n')}\n`);
  return { jobsFile, journal };
}

/** The jobs in a report page's data block, one object per job (the page script's first step). */
export function pageJobs(html: string): Record<string, unknown>[] {
  const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
  return data.rows.map((row: unknown[]) => Object.fromEntries(data.fields.flatMap((f: string, i: number) => (row[i] === undefined || row[i] === null ? [] : [[f, row[i]]]))));
}
