/** The soak's figures as Markdown tables (also readable on a terminal). */
import { FAULT_KINDS, FAULT_SCOPES } from '@vidukit/simulator';

/** How each simulator fault kind reads in the table. */
const LABELS = {
  serverError: '500 (JSON on the API, text on storage)',
  badGateway: '502 with an nginx HTML body',
  rateLimited: '429 without Retry-After',
  rateLimitedRetryAfter: '429 with Retry-After',
  resetBeforeAccept: 'connection reset after the request was read, nothing created',
  resetAfterAccept: 'connection reset after the task was created (answer lost)',
  stall: 'never answered (per-attempt timeout)',
  malformedJson: '200 with a truncated body (on a submit, the task exists)',
  truncatedBody: '200, Content-Length larger than what is sent, connection closed',
  notJson: '200 text/html login page instead of JSON',
  notFound: '404 TASK_NOT_FOUND for a task created < 2 s ago (eventual consistency)',
  unknownStatus: 'status TASK_STATUS_SOMETHING_NEW for an unfinished task',
  numbersAsStrings: 'eta and progress_percent as strings',
  slowDrip: 'slow drip: the answer in 8 pieces over a fifth of the timeout',
  stalledDownload: 'download stalls after its first bytes',
};

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

export function formatSoak(r) {
  const d = r.downloads;
  const rows = [
    ['jobs (generate / waitForMany)', `${r.jobs} (${r.viaGenerate} / ${r.viaWaitForMany})`],
    ['jobs completed', `${r.completed} (${pct(r.completed, r.jobs)})`],
    ['jobs failed on the server (TaskFailedError, task failed in the simulator)', `${r.failedOnServer}`],
    ['**waits lost to a transient fault** (task id known, other error)', `**${r.waitsLost}**`],
    ['jobs failed without the task id on the error', `${r.failedWithoutTaskIdOnError}`],
    ['submits rejected, nothing created (never in doubt)', `${r.submitRejected}`],
    ['submits in doubt, reported (SubmitOutcomeUnknownError)', `${r.inDoubt} (task created: ${r.inDoubtCreated}, not created: ${r.inDoubtNotCreated})`],
    ['**duplicate tasks** created by retries', `**${r.duplicates}**`],
    ['**task ids lost**', `**${r.lost}**`],
    ['tasks created (simulator)', `${r.tasksCreated} = ${r.distinctSuccessfulSubmits} known + ${r.inDoubtCreated} in doubt + ${r.duplicates} duplicates`],
    ...(d.enabled
      ? [['videos downloaded / failed', `${d.completed} / ${d.failed} (${d.attempts} calls, ${d.retried} called again; inside them ${d.innerRetries} retries, ${d.resumed} after bytes were received; ${d.refreshes} URL refreshes)`]]
      : []),
    ['unknown-status warnings (collected, waits went on)', `${r.warnings.count}`],
    ['requests per job', `${r.requestsPerJob.toFixed(2)} (${r.serverRequests} reached the simulator + ${r.refusedConnections} refused)`],
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s (job p50 ${(r.jobMs.p50 / 1000).toFixed(1)} s, p95 ${(r.jobMs.p95 / 1000).toFixed(1)} s)`],
  ];
  // Each share is of the requests that reached that stage: refusals of all API requests sent,
  // the simulator's faults of the requests it received (it draws one per request).
  const sent = r.clientRequests;
  const reached = { submit: sent.submit - r.refused.submit, read: sent.read - r.refused.read, download: r.requestsByRoute.downloadVideo ?? 0 };
  const cell = (scope, kind) => {
    if (!FAULT_SCOPES[kind].includes(scope)) return '-';
    const n = r.faultsByScope[scope][kind] ?? 0;
    // The state-bound read faults: their share of the reads they could hit.
    const base = scope === 'read' ? r.eligibleReads?.[kind] : undefined;
    return base === undefined ? `${n} (${pct(n, reached[scope])})` : `${n} (${pct(n, base)} of ${base})`;
  };
  const faultRows = [
    `| connection refused, before reaching the server | ${r.refused.submit} (${pct(r.refused.submit, sent.submit)}) | ${r.refused.read} (${pct(r.refused.read, sent.read)}) | - |`,
    ...FAULT_KINDS.map((k) => `| ${LABELS[k] ?? k} | ${cell('submit', k)} | ${cell('read', k)} | ${cell('download', k)} |`),
  ];
  return [
    '| figure | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| fault injected | on submits | on polls | on downloads |',
    '|---|---|---|---|',
    ...faultRows,
    '',
    `Shares: refusals of all API requests sent (${sent.submit} submits, ${sent.read} polls); the others of the requests that reached the simulator (${reached.submit} submits, ${reached.read} polls, ${reached.download} downloads). notFound and unknownStatus as a share of the reads they could hit (of a task younger than 2 s; of an unfinished task).`,
  ].join('\n');
}
