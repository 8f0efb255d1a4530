/**
 * Fault soak: many jobs through @vidukit/polling's `generate` and `waitForMany`, with the
 * @vidukit/client transport, against @vidukit/simulator with every fault kind switched on.
 *
 * Every figure is computed from two independent sources and cross-checked:
 * - the simulator's own books (`counts()`, `tasks()`): what really happened on the server;
 * - what the caller learned (task ids from `onSubmitted` / submit answers, errors it received).
 *
 * Each job's prompt carries a marker (`soak-job-<n>`), so every task the simulator created can be
 * traced back to its job. A task is "lost" when the simulator created it, the caller never
 * learned its id, and the caller was not told that the submit is in doubt.
 */
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createViduClient, SubmitOutcomeUnknownError } from '@vidukit/client';
import * as polling from '@vidukit/polling';
import { startSimulator } from '@vidukit/simulator';

export const SOAK_API_KEY = 'sk-vidukit-SECRET-canary-123';

/**
 * The fault mix: every kind at 7% of the requests it applies to (so that at least 5% are seen
 * in a 1,000-job run, whatever the draw). Submits: 56% of attempts meet a fault; polls: 49%.
 */
export const FAULT_RATE = 0.07;
export const DEFAULT_FAULTS = {
  serverError: FAULT_RATE, // 500 JSON
  badGateway: FAULT_RATE, // 502 with an nginx HTML body
  rateLimited: FAULT_RATE, // 429 without Retry-After
  rateLimitedRetryAfter: FAULT_RATE, // 429 with Retry-After: 1
  resetBeforeAccept: FAULT_RATE, // socket destroyed after the request is read, nothing created
  stall: FAULT_RATE, // never answered: hits the per-attempt timeout
  malformedJson: FAULT_RATE, // 200 with a truncated JSON body (on a submit: the task IS created)
  submit: { resetAfterAccept: FAULT_RATE }, // task created, then the socket is destroyed unanswered
};

/** Share of requests sent to a closed loopback port instead (a real ECONNREFUSED: never reached the server). */
export const DEFAULT_REFUSED_RATE = FAULT_RATE;

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const IMG = 'https://example.com/subject.png';

/** A valid body for the job's operation, carrying the job's marker in its prompt(s). */
export function jobBody(n) {
  const marker = `soak-job-${n}`;
  switch (n % 4) {
    case 0:
      return { op: 'submitQ2ProFast', body: { prompt: `@1 walks (${marker})`, duration: 5, subjects: [{ name: '1', images: [IMG] }] } };
    case 1:
      return {
        op: 'submitQ2ProMultiframe',
        body: { start_image: IMG, image_settings: [{ key_image: IMG, prompt: marker, duration: 2 }, { key_image: IMG, duration: 3 }] },
      };
    case 2:
      return { op: 'submitQ1Reference', body: { images: [IMG], prompt: `a cat (${marker})` } };
    default:
      return { op: 'submitQ2Reference', body: { prompt: `@1 waves (${marker})`, duration: 4, subjects: [{ id: '1', images: [IMG] }] } };
  }
}

const MARKER = /soak-job-(\d+)/;

/**
 * Runs the soak. Options:
 * - jobs (1000), seed (1), concurrency (jobs in flight, 250)
 * - manyShare: share of jobs that are submitted, then waited for in batches with `waitForMany` (0.3)
 * - retrySubmitOnAmbiguousFailure (false): the opt-in that makes duplicates possible
 * - faults, refusedRate: the fault mix
 * - attemptTimeoutMs (1000): the client's per-attempt timeout (what a stall runs into)
 */
export async function runSoak(options = {}) {
  const {
    jobs = 1000,
    seed = 1,
    concurrency = 250,
    manyShare = 0.3,
    batchSize = 50,
    retrySubmitOnAmbiguousFailure = false,
    faults = DEFAULT_FAULTS,
    refusedRate = DEFAULT_REFUSED_RATE,
    attemptTimeoutMs = 1000,
    failureRate = 0.05,
  } = options;
  const started = performance.now();
  const sim = await startSimulator({
    seed,
    apiKey: SOAK_API_KEY,
    queuedMs: 40,
    processingMs: 80,
    failureRate,
    retryAfterSeconds: 1,
    faults,
  });
  const deadPort = await closedPort();
  const rand = polling.seededRandom(seed ^ 0x5eed);
  const refused = { submit: 0, read: 0 };
  const clientRequests = { submit: 0, read: 0 };
  /** Real fetch, except that a share of requests goes to a closed port (ECONNREFUSED before sending). */
  const faultyFetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const scope = url.pathname.includes('task-result') ? 'read' : 'submit';
    clientRequests[scope]++;
    if (rand() < refusedRate) {
      refused[scope]++;
      url.port = String(deadPort);
      return fetch(url, init);
    }
    return fetch(input, init);
  };
  const client = createViduClient({
    apiKey: SOAK_API_KEY,
    baseUrl: sim.url,
    fetch: faultyFetch,
    timeoutMs: attemptTimeoutMs,
    maxRetries: 4,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    maxRetryAfterMs: 5_000,
    retrySubmitOnAmbiguousFailure,
  });
  const schedule = polling.fixedSchedule ? polling.fixedSchedule(50) : undefined;
  const waitOptions = { timeoutMs: 30_000, maxConsecutiveErrors: 12, ...(schedule ? { schedule } : {}) };

  /** Per job: what the caller learned. */
  const results = Array.from({ length: jobs }, (_, n) => ({ n, via: 'generate', taskIds: new Set(), outcome: 'pending', error: undefined }));

  const record = (job, error) => {
    job.error = error;
    if (error instanceof SubmitOutcomeUnknownError) job.outcome = 'inDoubt';
    else if (job.taskIds.size > 0) job.outcome = 'failedWithTaskId';
    else job.outcome = 'submitRejected';
  };

  async function viaGenerate(job) {
    const { op, body } = jobBody(job.n);
    const t0 = performance.now();
    try {
      const result = await polling.generate(client, op, body, {
        ...waitOptions,
        onSubmitted: (taskId) => void job.taskIds.add(taskId),
      });
      job.taskIds.add(result.taskId);
      job.outcome = 'completed';
    } catch (error) {
      // Every error after the submit must name the task: collect the id it carries.
      if (error && typeof error.taskId === 'string' && job.taskIds.size > 0 && !job.taskIds.has(error.taskId)) job.foreignTaskId = error.taskId;
      record(job, error);
      if (job.outcome === 'failedWithTaskId' && error?.taskId === undefined) job.missingTaskIdOnError = true;
    } finally {
      job.ms = performance.now() - t0;
    }
  }

  async function submitOnly(job) {
    const { op, body } = jobBody(job.n);
    try {
      const answer = await client.submit(op, body);
      job.taskIds.add(answer.task_id);
      return answer.task_id;
    } catch (error) {
      record(job, error);
      return undefined;
    }
  }

  async function viaMany(batch) {
    const t0 = performance.now();
    const ids = [];
    const byId = new Map();
    await Promise.all(
      batch.map(async (job) => {
        const id = await submitOnly(job);
        if (id !== undefined) {
          ids.push(id);
          byId.set(id, job);
        }
      }),
    );
    if (ids.length === 0) return;
    batch.forEach((j) => (j.submittedMs = performance.now() - t0));
    const outcomes = await polling.waitForMany(client, ids, { ...waitOptions, concurrency: 8, requestsPerMinute: 120_000 });
    for (const o of outcomes) {
      const job = byId.get(o.taskId);
      if (o.ok) job.outcome = 'completed';
      else {
        record(job, o.error);
        if (o.error?.taskId !== o.taskId) job.missingTaskIdOnError = true;
      }
    }
    batch.forEach((j) => (j.ms = performance.now() - t0));
  }

  // Work units: single jobs for generate, batches for waitForMany; a pool keeps `concurrency` jobs busy.
  const manyCount = Math.round(jobs * manyShare);
  const batches = [];
  for (let i = 0; i < manyCount; i += batchSize) {
    const batch = results.slice(i, Math.min(i + batchSize, manyCount));
    batch.forEach((j) => (j.via = 'waitForMany'));
    batches.push({ weight: batch.length, run: () => viaMany(batch) });
  }
  const singles = results.slice(manyCount).map((job) => ({ weight: 1, run: () => viaGenerate(job) }));
  // Interleave: one batch, then an even share of single jobs, so both paths run side by side.
  const units = [];
  const every = Math.max(1, Math.ceil(singles.length / Math.max(1, batches.length)));
  for (let i = 0; i < Math.max(batches.length, 1); i++) {
    if (batches[i]) units.push(batches[i]);
    units.push(...singles.slice(i * every, (i + 1) * every));
  }
  units.push(...singles.slice(Math.max(batches.length, 1) * every));
  let next = 0;
  let busy = 0;
  await new Promise((resolve, reject) => {
    const pump = () => {
      if (next >= units.length && busy === 0) return resolve();
      while (next < units.length && busy < concurrency) {
        const unit = units[next++];
        busy += unit.weight;
        unit.run().then(() => {
          busy -= unit.weight;
          pump();
        }, reject);
      }
    };
    pump();
  });
  const elapsedMs = performance.now() - started;

  // ---- the books ----
  const counts = sim.counts();
  const tasks = sim.tasks();
  await sim.close();

  const tasksByJob = new Map();
  let unattributed = 0;
  for (const t of tasks) {
    const m = MARKER.exec(JSON.stringify(t.body));
    if (!m) {
      unattributed++;
      continue;
    }
    const n = Number(m[1]);
    if (!tasksByJob.has(n)) tasksByJob.set(n, []);
    tasksByJob.get(n).push(t.taskId);
  }
  const learned = new Set(results.flatMap((j) => [...j.taskIds]));
  let inDoubtCreated = 0;
  const inDoubtCreatedDetails = [];
  let lost = unattributed;
  const lostTasks = [];
  for (const job of results) {
    const created = tasksByJob.get(job.n) ?? [];
    const unknown = created.filter((id) => !learned.has(id));
    if (job.outcome === 'inDoubt' && unknown.length > 0) {
      inDoubtCreated++;
      inDoubtCreatedDetails.push(job.error?.message);
      unknown.shift(); // the one the caller was told may exist
    }
    for (const id of unknown) {
      lost++;
      lostTasks.push({ job: job.n, taskId: id, outcome: job.outcome, error: job.error ? `${job.error.name}: ${job.error.message}` : undefined });
    }
  }
  const distinctSuccessfulSubmits = learned.size;
  const duplicates = counts.tasksCreated - distinctSuccessfulSubmits - inDoubtCreated;
  const by = (o) => results.filter((j) => j.outcome === o).length;
  const inDoubt = results.filter((j) => j.outcome === 'inDoubt');
  const serverRequests = Object.values(counts.requests).reduce((a, b) => a + b, 0);
  const errorNames = {};
  for (const j of results) if (j.error) errorNames[j.error.name] = (errorNames[j.error.name] ?? 0) + 1;
  const failedBy = {};
  for (const j of results) if (j.outcome === 'failedWithTaskId') failedBy[j.error?.name] = (failedBy[j.error?.name] ?? 0) + 1;

  return {
    jobs,
    seed,
    retrySubmitOnAmbiguousFailure,
    completed: by('completed'),
    failedWithTaskId: by('failedWithTaskId'),
    failedWithoutTaskIdOnError: results.filter((j) => j.missingTaskIdOnError).length,
    submitRejected: by('submitRejected'),
    pending: by('pending'),
    inDoubt: inDoubt.length,
    inDoubtCreated,
    inDoubtNotCreated: inDoubt.length - inDoubtCreated,
    duplicates,
    lost,
    lostTasks: lostTasks.slice(0, 20),
    inDoubtCreatedDetails,
    tasksCreated: counts.tasksCreated,
    distinctSuccessfulSubmits,
    submitAttempts: counts.submitAttempts,
    serverRequests,
    refusedConnections: refused.submit + refused.read,
    refused,
    clientRequests,
    requestsPerJob: (serverRequests + refused.submit + refused.read) / jobs,
    faults: counts.faults,
    faultsByScope: counts.faultsByScope,
    responses: counts.responses,
    requestsByRoute: counts.requests,
    errorNames,
    failedBy,
    viaGenerate: results.filter((j) => j.via === 'generate').length,
    viaWaitForMany: results.filter((j) => j.via === 'waitForMany').length,
    elapsedMs,
    jobMs: quantiles(results.map((j) => j.ms ?? 0)),
    slowest: [...results].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 5).map((j) => ({ job: j.n, via: j.via, ms: Math.round(j.ms ?? 0), outcome: j.outcome, error: j.error?.name })),
  };
}

function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
  return { p50: q(0.5), p95: q(0.95), max: Math.round(s[s.length - 1] ?? 0) };
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

/** The soak's figures as a Markdown table (also readable on a terminal). */
export function formatSoak(r) {
  const submitFaults = r.faultsByScope.submit;
  const readFaults = r.faultsByScope.read;
  const rows = [
    ['jobs (generate / waitForMany)', `${r.jobs} (${r.viaGenerate} / ${r.viaWaitForMany})`],
    ['jobs completed', `${r.completed} (${pct(r.completed, r.jobs)})`],
    ['jobs failed, task id reported', `${r.failedWithTaskId} (${Object.entries(r.failedBy).map(([k, v]) => `${k} ${v}`).join(', ')})`],
    ['jobs failed without the task id on the error', `${r.failedWithoutTaskIdOnError}`],
    ['submits rejected, nothing created (never in doubt)', `${r.submitRejected}`],
    ['submits in doubt (SubmitOutcomeUnknownError)', `${r.inDoubt} (task created: ${r.inDoubtCreated}, not created: ${r.inDoubtNotCreated})`],
    ['duplicate tasks created by retries', `${r.duplicates}`],
    ['task ids lost', `${r.lost}`],
    ['tasks created (simulator)', `${r.tasksCreated} = ${r.distinctSuccessfulSubmits} known + ${r.inDoubtCreated} in doubt + ${r.duplicates} duplicates`],
    ['requests per job', `${r.requestsPerJob.toFixed(2)} (${r.serverRequests} reached the simulator + ${r.refusedConnections} refused)`],
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
  ];
  const faultRows = [
    ['5xx JSON (500)', submitFaults.serverError, readFaults.serverError],
    ['502 HTML body', submitFaults.badGateway, readFaults.badGateway],
    ['429 without Retry-After', submitFaults.rateLimited, readFaults.rateLimited],
    ['429 with Retry-After', submitFaults.rateLimitedRetryAfter, readFaults.rateLimitedRetryAfter],
    ['refused before reaching the server', r.refused.submit, r.refused.read],
    ['reset after reading, nothing created', submitFaults.resetBeforeAccept, readFaults.resetBeforeAccept],
    ['reset after the task was created', submitFaults.resetAfterAccept, '-'],
    ['malformed 200 body', submitFaults.malformedJson, readFaults.malformedJson],
    ['stalled past the per-attempt timeout', submitFaults.stall, readFaults.stall],
  ];
  // Each stage's share is of the requests that reached it: refusals of all requests sent, the
  // simulator's faults of the requests that got past the refusal (it draws one per request).
  const submitSent = r.clientRequests.submit;
  const readSent = r.clientRequests.read;
  const submitReached = submitSent - r.refused.submit;
  const readReached = readSent - r.refused.read;
  const lines = [
    '| figure | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `| fault injected | on submits | on polls |`,
    '|---|---|---|',
    ...faultRows.map(([k, s, p], i) => {
      const [ds, dp] = i === 4 ? [submitSent, readSent] : [submitReached, readReached];
      return `| ${k} | ${s} (${typeof s === 'number' ? pct(s, ds) : '-'}) | ${p}${typeof p === 'number' ? ` (${pct(p, dp)})` : ''} |`;
    }),
    '',
    `Shares: refusals of all requests sent (${submitSent} submits, ${readSent} polls); the others of the requests that reached the simulator (${submitReached} submits, ${readReached} polls).`,
  ];
  return lines.join('\n');
}
