/**
 * The report as one self-contained HTML file: the summary is rendered here (escaped), the cards
 * by the inline script from a JSON block (escaped for a script element). A strict
 * Content-Security-Policy allows nothing but that script and that stylesheet, by hash, and the
 * videos: no network, no other script, even if some text were to slip through as markup.
 */
import { createHash } from 'node:crypto';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatBytes, formatSeconds } from '../output.js';
import { REPORT_STATUSES, type ReportData, type ReportStatus } from './collect.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  rejected: 'rejected',
  error: 'error',
  'in-doubt': 'in doubt',
  pending: 'pending',
  'not-started': 'not started',
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that can sit inside `<script type="application/json">`: no `<` (so no `</script>` or
 * `<!--`), no `>` or `&`, and no U+2028/U+2029; `JSON.parse` reads the escapes back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A CSP source that allows exactly this inline text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy. `media-src 'self' file:`: Chromium lets `'self'` match `file:` URLs in a `file:`
 * page, but by the CSP spec a `file:` page has an opaque origin that `'self'` never matches,
 * so `file:` is named for browsers that follow the letter; from a server `'self'` does the work.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(PAGE_SCRIPT)}`,
    `style-src ${cspHash(PAGE_STYLE)}`,
    "media-src 'self' file:",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The video's address relative to the report (every path segment percent-encoded: `#`, `?`, spaces). */
export function videoUrl(file: string, reportDir: string): string {
  const rel = relative(reportDir, file);
  // Another drive on Windows: no relative path exists; an absolute file URL still plays from file://.
  if (isAbsolute(rel)) return pathToFileURL(file).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/**
 * What the script gets: one row per job, its fields in the order of `PAGE_FIELDS` (no key
 * repeated 10,000 times), times in milliseconds after the first journal record, the video as a
 * URL relative to the report. About 300 bytes a job.
 */
export const PAGE_FIELDS = ['line', 'status', 'model', 'prompt', 'params', 'taskId', 'submitted', 'finished', 'attempts', 'video', 'bytes', 'note', 'orphan'] as const;

export function pagePayload(data: ReportData, reportDir: string) {
  const t0 = data.firstEvent ?? 0;
  const rows = data.jobs.map((j) => {
    const row: Partial<Record<(typeof PAGE_FIELDS)[number], unknown>> = {
      ...j,
      submitted: j.submitted === undefined ? undefined : j.submitted - t0,
      finished: j.finished === undefined ? undefined : j.finished - t0,
      video: j.videoFile ? videoUrl(j.videoFile, reportDir) : undefined,
      attempts: j.attempts > 1 ? j.attempts : undefined,
      orphan: j.orphan ? 1 : undefined,
    };
    const values = PAGE_FIELDS.map((f) => row[f] ?? null);
    while (values.length && values[values.length - 1] === null) values.pop();
    return values;
  });
  return { labels: STATUS_LABELS, t0, fields: PAGE_FIELDS, rows };
}

function displayPath(file: string, reportDir: string): string {
  const rel = relative(reportDir, file);
  return rel && !isAbsolute(rel) ? rel : file;
}

export function renderReport(data: ReportData, reportDir: string): string {
  const e = escapeHtml;
  const title = `vidu batch report: ${basename(data.jobsFile)}`;
  const videos = data.jobs.filter((j) => j.videoFile);
  const bytes = videos.reduce((n, j) => n + (j.bytes ?? 0), 0);
  const stat = (label: string, value: string) => `<div><dt>${e(label)}</dt><dd>${e(value)}</dd></div>`;
  const stats = [
    stat('jobs', String(data.jobs.length)),
    ...REPORT_STATUSES.filter((s) => data.counts[s] > 0).map((s) => stat(STATUS_LABELS[s], String(data.counts[s]))),
    stat('total time', data.firstEvent !== undefined ? formatSeconds((data.lastEvent! - data.firstEvent) / 1000) : '-'),
    stat('retries', `${data.resubmits + data.rewaits}`),
    stat('videos', `${videos.length}${bytes ? ` (${formatBytes(bytes)})` : ''}`),
  ];
  const retries =
    data.resubmits + data.rewaits > 0 ? ` Retries: ${data.resubmits} submitted again, ${data.rewaits} waited for again.` : '';
  const torn = data.skippedLines.length
    ? ` ${data.skippedLines.length} unreadable journal line(s) skipped (a write cut short by a kill): ${data.skippedLines.join(', ')}.`
    : '';
  const chips = REPORT_STATUSES.filter((s) => data.counts[s] > 0)
    .map((s) => `<button type="button" class="st-${s}" data-status="${s}" aria-pressed="true">${e(STATUS_LABELS[s])} ${data.counts[s]}</button>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="top">
<h1>${e(title)}</h1>
<p class="meta">Jobs file ${e(displayPath(data.jobsFile, reportDir))}, journal ${e(displayPath(data.journalFile, reportDir))}; written ${e(new Date(data.generatedAt).toISOString())}. Total time runs from the first journal record to the last.${e(retries)}${e(torn)}</p>
<dl class="stats">${stats.join('')}</dl>
<div class="controls" role="toolbar" aria-label="filter and sort">
<button type="button" id="all">all</button>${chips}
<label>sort <select id="sort">
<option value="line">by line</option>
<option value="submitted-asc">submitted, oldest first</option>
<option value="submitted-desc">submitted, newest first</option>
<option value="finished-desc">finished, newest first</option>
<option value="waited-desc">waited, longest first</option>
</select></label>
<span id="shown" aria-live="polite"></span>
</div>
<noscript><p>The cards are drawn by the page's inline script; allow JavaScript for this file to see them.</p></noscript>
</header>
<main id="cards"></main>
<div id="more"></div>
<script type="application/json" id="report-data">${jsonForScript(pagePayload(data, reportDir))}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
