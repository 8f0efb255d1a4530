// The report's data and HTML: escaping, the CSP hashes, cleaning, relative video URLs, and what
// the journal says about each job (statuses, timings, retries), from real files on disk.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerSecret } from '@vidukit/client';
import { describe, expect, test } from 'vitest';
import { jobKeyer } from '../src/batch/jobs.js';
import { cleanText, collectReport, findJobsFile, MAX_TEXT } from '../src/report/collect.js';
import { contentSecurityPolicy, escapeHtml, jsonForScript, renderReport, videoUrl } from '../src/report/html.js';
import { reportDirFor } from '../src/report/write.js';
import { tempDir } from './helpers.js';
import { pageJobs } from './report-fixtures.js';

const SAMPLE = new URL('../../simulator/assets/sample.mp4', import.meta.url).pathname;
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  '<!--<script>',
  '"\'><svg onload=alert(3)>',
  '&lt;already escaped&gt;',
  'line\u2028separator\u2029paragraph',
];

/** A jobs file and a journal on disk; `events` are [job index, event, fields, seconds after t0]. */
function batchOnDisk(jobs: object[], events: [number, string, object, number][], extra = '') {
  const dir = tempDir();
  const jobsFile = join(dir, 'jobs.jsonl');
  writeFileSync(jobsFile, `${jobs.map((j) => JSON.stringify(j)).join('\n')}\n`);
  const keyOf = jobKeyer();
  const keys = jobs.map((j) => keyOf(j));
  const t0 = Date.parse('2026-01-02T03:04:05.000Z');
  const lines = events.map(([i, event, fields, s]) => JSON.stringify({ v: 1, time: new Date(t0 + s * 1000).toISOString(), event, key: keys[i], line: i + 1, ...fields }));
  const journal = join(dir, 'jobs.journal.jsonl');
  writeFileSync(journal, `${lines.join('\n')}\n${extra}`);
  return { dir, jobsFile, journal, t0 };
}

describe('escaping', () => {
  test.each(HOSTILE)('escapeHtml leaves no markup: %s', (s) => {
    const out = escapeHtml(s);
    expect(out).not.toMatch(/[<>"']/);
    expect(out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toBe(s);
  });

  test('jsonForScript cannot close its script element and reads back unchanged', () => {
    const value = { texts: HOSTILE, nested: { '</SCRIPT>': '</script >' } };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });

  test('cleanText: API key redacted, control and bidi-override characters neutralised, length bounded', () => {
    registerSecret('sk-render-test-key-123456');
    expect(cleanText('key sk-render-test-key-123456 in a reason')).toBe('key [REDACTED] in a reason');
    expect(cleanText('a\u001b[31mred\u0007 \u202Eevil\u0000')).toBe('a\\x1b[31mred\\x07 \\u{202e}evil\\x00');
    expect(cleanText('newlines\nstay')).toBe('newlines\nstay');
    const long = cleanText('x'.repeat(MAX_TEXT + 500));
    expect(long.startsWith('x'.repeat(MAX_TEXT))).toBe(true);
    expect(long).toMatch(/… \(500 more characters\)$/);
  });

  test('videoUrl is relative and percent-encodes every segment', () => {
    expect(videoUrl('/a/b/fox.mp4', '/a/b')).toBe('fox.mp4');
    expect(videoUrl('/a/b/sub dir/odd #1?.mp4', '/a/b')).toBe('sub%20dir/odd%20%231%3F.mp4');
    expect(videoUrl('/a/other/x.mp4', '/a/b')).toBe('../other/x.mp4');
    // A file name cannot turn into another scheme.
    expect(videoUrl('/a/b/javascript:alert(1).mp4', '/a/b')).toBe('javascript%3Aalert(1).mp4');
  });
});

describe('rendering', () => {
  test('hostile prompts, parameters and reasons stay text; the CSP allows exactly the inline script and style', () => {
    const jobs = HOSTILE.map((prompt, i) => ({ model: 'q1-reference', prompt, images: ['<b>.png'], [`k<${i}>`]: `v"${i}'` }));
    const { journal, jobsFile } = batchOnDisk(
      jobs,
      HOSTILE.flatMap((_, i): [number, string, object, number][] => [
        [i, 'submitting', {}, i],
        [i, 'submitted', { taskId: `</script>${i}` }, i + 1],
        [i, 'failed', { taskId: `</script>${i}`, reason: `server says ${HOSTILE[i]}` }, i + 5],
      ]),
    );
    const html = renderReport(collectReport(journal, jobsFile), '/tmp');
    // Exactly two scripts (the data block and the page script) and one style.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.match(/<style/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img|<svg|<!--/i);
    const shown = pageJobs(html);
    expect(shown.map((j) => j.prompt)).toEqual(HOSTILE.map((s) => cleanText(s)));
    expect(shown[0]!.note).toBe('server says <img src=x onerror=alert(1)>');
    expect(shown[0]!.params).toEqual([['images', '<b>.png'], ['k<0>', `v"0'`]]);

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toBe(contentSecurityPolicy());
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`script-src ${sha(script)};`);
    expect(csp).toContain(`style-src ${sha(style)};`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  test('one job, nothing in the journal yet: a card that says not started', () => {
    const { journal, jobsFile } = batchOnDisk([{ model: 'q1-reference', prompt: 'only one', images: ['a.png'] }], []);
    const data = collectReport(journal, jobsFile);
    expect(data.jobs).toHaveLength(1);
    expect(data.jobs[0]).toMatchObject({ status: 'not-started', prompt: 'only one', attempts: 0, params: [['images', 'a.png']] });
    expect(data.counts['not-started']).toBe(1);
    expect(renderReport(data, '/tmp')).toContain('not started 1</button>');
  });
});

describe('what the journal says', () => {
  test('every fate, timings, retries, a torn line, a job no longer in the file, a moved folder', () => {
    const jobs = ['ok', 'failed then retried', 'refused', 'in doubt', 'interrupted', 'lost the wait', 'never ran'].map((prompt) => ({ model: 'q1-reference', prompt, images: ['a.png'] }));
    const disk = batchOnDisk(
      jobs,
      [
        [0, 'submitting', {}, 0],
        [0, 'submitted', { taskId: 't0' }, 1],
        // The journal records absolute paths; the folder has since moved, the video is beside the jobs file.
        [0, 'succeeded', { taskId: 't0', file: '/gone/elsewhere/ok.mp4', bytes: 24886 }, 31],
        [1, 'submitting', {}, 0],
        [1, 'submitted', { taskId: 't1' }, 1],
        [1, 'failed', { taskId: 't1', reason: 'moderation' }, 10],
        [1, 'submitting', {}, 100],
        [1, 'submitted', { taskId: 't1b' }, 102],
        [1, 'succeeded', { taskId: 't1b', file: 'missing.mp4' }, 142],
        [2, 'submitting', {}, 0],
        [2, 'rejected', { message: 'HTTP 422: duration too long' }, 1],
        [3, 'submitting', {}, 0],
        [3, 'unknown', { message: 'connection reset after the request was sent' }, 30],
        [4, 'submitting', {}, 0],
        [4, 'submitted', { taskId: 't4' }, 1],
        [5, 'submitting', {}, 0],
        [5, 'submitted', { taskId: 't5' }, 1],
        [5, 'error', { taskId: 't5', message: 'download: socket hang up' }, 20],
        [5, 'error', { taskId: 't5', message: 'download: socket hang up again' }, 50],
      ],
      '{"v":1,"event":"submitted","key":"torn',
    );
    copyFileSync(SAMPLE, join(disk.dir, 'ok.mp4'));
    // A job that was in the journal but has been deleted from the jobs file.
    writeFileSync(disk.journal, `\n${JSON.stringify({ v: 1, time: '2026-01-02T03:10:00.000Z', event: 'submitted', key: 'deadbeef#1', line: 42, taskId: 'gone' })}\n`, { flag: 'a' });

    const data = collectReport(disk.journal, disk.jobsFile);
    const by = (p: string) => data.jobs.find((j) => j.prompt === p)!;
    expect(by('ok')).toMatchObject({ status: 'succeeded', taskId: 't0', waitedMs: 30_000, attempts: 1, bytes: 24886, videoFile: join(disk.dir, 'ok.mp4') });
    expect(by('failed then retried')).toMatchObject({ status: 'succeeded', taskId: 't1b', attempts: 2, waitedMs: 40_000, submitted: disk.t0 + 102_000 });
    expect(by('failed then retried').videoFile).toBeUndefined();
    expect(by('failed then retried').note).toMatch(/not where the journal says/);
    expect(by('refused')).toMatchObject({ status: 'rejected' });
    expect(by('refused').note).toMatch(/no task was created: HTTP 422: duration too long/);
    expect(by('in doubt')).toMatchObject({ status: 'in-doubt' });
    expect(by('in doubt').taskId).toBeUndefined();
    expect(by('in doubt').note).toMatch(/may exist and be billed.*--resubmit-unknown.*connection reset/);
    expect(by('interrupted')).toMatchObject({ status: 'pending', taskId: 't4' });
    expect(by('interrupted').finished).toBeUndefined();
    expect(by('lost the wait')).toMatchObject({ status: 'error', waitedMs: 49_000 });
    expect(by('never ran')).toMatchObject({ status: 'not-started', attempts: 0 });
    const orphan = data.jobs.find((j) => j.orphan)!;
    expect(orphan).toMatchObject({ line: 42, taskId: 'gone', status: 'pending' });
    expect(data.jobs).toHaveLength(8);
    expect(data.counts).toEqual({ succeeded: 2, failed: 0, rejected: 1, error: 1, 'in-doubt': 1, pending: 2, 'not-started': 1 });
    expect(data.resubmits).toBe(1);
    expect(data.rewaits).toBe(1);
    expect(data.skippedLines).toEqual([20]);
    expect(data.lastEvent! - data.firstEvent!).toBe(355_000);
    expect(renderReport(data, disk.dir)).toMatch(/1 unreadable journal line\(s\) skipped.*: 20\./);
  });

  test('the report goes beside the videos when they share a folder, else beside the jobs file', () => {
    const jobs = [1, 2].map((n) => ({ model: 'q1-reference', prompt: `p${n}`, images: ['a.png'] }));
    const events = (dirA: string, dirB: string): [number, string, object, number][] => [
      [0, 'succeeded', { taskId: 'a', file: join(dirA, 'a.mp4') }, 1],
      [1, 'succeeded', { taskId: 'b', file: join(dirB, 'b.mp4') }, 2],
    ];
    const shared = tempDir();
    mkdirSync(join(shared, 'out'));
    for (const f of ['a.mp4', 'b.mp4']) copyFileSync(SAMPLE, join(shared, 'out', f));
    const one = batchOnDisk(jobs, events(join(shared, 'out'), join(shared, 'out')));
    expect(reportDirFor(collectReport(one.journal, one.jobsFile))).toBe(join(shared, 'out'));
    mkdirSync(join(shared, 'other'));
    copyFileSync(SAMPLE, join(shared, 'other', 'b.mp4'));
    const two = batchOnDisk(jobs, events(join(shared, 'out'), join(shared, 'other')));
    expect(reportDirFor(collectReport(two.journal, two.jobsFile))).toBe(two.dir);
  });

  test('findJobsFile: the one file whose default journal this is', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'shots.jsonl'), '');
    writeFileSync(join(dir, 'other.jsonl'), '');
    expect(findJobsFile(join(dir, 'shots.journal.jsonl'))).toBe(join(dir, 'shots.jsonl'));
    expect(findJobsFile(join(dir, 'nothing.journal.jsonl'))).toBeUndefined();
  });
});
