/**
 * Fault soak: many jobs through @vidukit/polling's `generate` and `waitForMany`, with the
 * @vidukit/client transport, against @vidukit/simulator with every fault kind switched on, and
 * every completed video downloaded with polling's `downloadVideo`.
 *
 * Each job's prompt carries a marker (`soak-job-<n>`), so every task the simulator created can be
 * traced back to its job; books.mjs cross-checks the simulator's books against the caller's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createViduClient, SubmitOutcomeUnknownError } from '@vidukit/client';
import * as polling from '@vidukit/polling/node';
import { startSimulator } from '@vidukit/simulator';
import { balanceBooks } from './books.mjs';
import { DEFAULT_FAULTS, DEFAULT_REFUSED_RATE, jobBody } from './mix.mjs';

export const SOAK_API_KEY = 'sk-vidukit-SECRET-canary-123';

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs the soak. Options:
 * - jobs (1000), seed (1), concurrency (jobs in flight, 250)
 * - manyShare: share of jobs that are submitted, then waited for in batches with `waitForMany` (0.3)
 * - retrySubmitOnAmbiguousFailure (false): the opt-in that makes duplicates possible
 * - faults, refusedRate: the fault mix
 * - attemptTimeoutMs (1000): the client's per-attempt timeout (what a stall runs into); the
 *   simulator's slow drips take a fifth of it, and a download stalls after this long without data
 * - download (true): download every completed video (up to `downloadAttempts` tries each, 15:
 *   with 56% of download requests failing, 15 tries leave about 1 in 6,000 undone)
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
    waitTimeoutMs = 30 * 60_000,
    maxConsecutiveErrors = 30,
    download = true,
    downloadAttempts = 15,
  } = options;
  const started = performance.now();
  const sim = await startSimulator({
    seed,
    apiKey: SOAK_API_KEY,
    queuedMs: 40,
    processingMs: 80,
    failureRate,
    retryAfterSeconds: 1,
    slowDripMs: Math.round(attemptTimeoutMs / 5),
    notFoundWindowMs: 2000,
    faults,
  });
  const dir = await mkdtemp(join(tmpdir(), 'vidukit-soak-'));
  const deadPort = await closedPort();
  const rand = polling.seededRandom(seed ^ 0x5eed);
  const refused = { submit: 0, read: 0 };
  const polls = new Map();
  const clientRequests = { submit: 0, read: 0 };
  /** Real fetch, except that a share of API requests goes to a closed port (ECONNREFUSED before sending). */
  const faultyFetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const scope = url.pathname.includes('task-result') ? 'read' : 'submit';
    clientRequests[scope]++;
    // Per task: when each poll went out and how it ended, to explain a lost wait.
    const id = url.searchParams.get('task_id');
    const trace = id ? (polls.get(id) ?? polls.set(id, []).get(id)) : undefined;
    const t = Math.round(performance.now() - started);
    const track = (p) => {
      if (!trace) return p;
      return p.then(
        (res) => {
          trace.push(`${t}:${res.status}`);
          return res;
        },
        (error) => {
          trace.push(`${t}:${error?.name}`);
          throw error;
        },
      );
    };
    if (rand() < refusedRate) {
      refused[scope]++;
      url.port = String(deadPort);
      return track(fetch(url, init));
    }
    return track(fetch(input, init));
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
  const warnings = [];
  const waitOptions = {
    timeoutMs: waitTimeoutMs,
    maxConsecutiveErrors,
    schedule: polling.fixedSchedule(50),
    // A task just created may not be readable yet (404): generate's default, also for waitForMany.
    notFoundGraceMs: 15_000,
    onWarning: (w) => void warnings.push(w),
  };

  /** Per job: what the caller learned. */
  const results = Array.from({ length: jobs }, (_, n) => ({ n, via: 'generate', taskIds: new Set(), outcome: 'pending', error: undefined }));
  const downloads = { completed: 0, failed: 0, attempts: 0, retried: 0, innerRetries: 0, resumed: 0, refreshes: 0, bytes: 0, errors: {} };

  const record = (job, error) => {
    job.error = error;
    if (error instanceof SubmitOutcomeUnknownError) job.outcome = 'inDoubt';
    else if (job.taskIds.size > 0) job.outcome = 'failedWithTaskId';
    else job.outcome = 'submitRejected';
  };

  /** Downloads a completed job's video; a failed try (stall, 5xx, truncation) is tried again. */
  async function fetchVideo(job, result) {
    if (!download) return;
    for (let attempt = 1; ; attempt++) {
      downloads.attempts++;
      try {
        const out = await polling.downloadVideo(result, join(dir, `job-${job.n}.mp4`), {
          idleTimeoutMs: attemptTimeoutMs,
          maxRefreshes: 2,
          // downloadVideo's own retries (3 by default); this loop is the application's beyond them.
          onRetry: (r) => {
            downloads.innerRetries++;
            if (r.receivedBytes > 0) downloads.resumed++;
          },
        });
        downloads.completed++;
        downloads.bytes += out.bytes;
        downloads.refreshes += out.refreshes;
        job.downloaded = true;
        return;
      } catch (error) {
        const key = `${error?.name}: ${String(error?.message).replace(/task [0-9a-f-]{36}/g, 'task <id>').replace(/\d+/g, 'N').slice(0, 90)}`;
        downloads.errors[key] = (downloads.errors[key] ?? 0) + 1;
        if (attempt >= downloadAttempts) {
          downloads.failed++;
          job.downloadError = error;
          return;
        }
        downloads.retried++;
        await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      }
    }
  }

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
      await fetchVideo(job, result);
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
    if (ids.length > 0) {
      const outcomes = await polling.waitForMany(client, ids, { ...waitOptions, concurrency: 8, requestsPerMinute: 120_000 });
      await Promise.all(
        outcomes.map(async (o) => {
          const job = byId.get(o.taskId);
          if (o.ok) {
            job.outcome = 'completed';
            await fetchVideo(job, o.result);
          } else {
            record(job, o.error);
            if (o.error?.taskId !== o.taskId) job.missingTaskIdOnError = true;
          }
        }),
      );
    }
    for (const j of batch) j.ms = performance.now() - t0;
  }

  await runPool(results, { manyShare, batchSize, concurrency, viaGenerate, viaMany });
  const elapsedMs = performance.now() - started;
  const counts = sim.counts();
  const tasks = sim.tasks();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  return {
    ...balanceBooks({ results, counts, tasks, polls }),
    jobs,
    seed,
    retrySubmitOnAmbiguousFailure,
    attemptTimeoutMs,
    downloads: { ...downloads, enabled: download },
    warnings: { count: warnings.length, codes: [...new Set(warnings.map((w) => w.code))], statuses: [...new Set(warnings.map((w) => w.status))] },
    refusedConnections: refused.submit + refused.read,
    refused,
    clientRequests,
    requestsPerJob: (Object.values(counts.requests).reduce((a, b) => a + b, 0) + refused.submit + refused.read) / jobs,
    elapsedMs,
  };
}

/** Runs single jobs through generate and batches through waitForMany side by side, `concurrency` jobs busy. */
async function runPool(results, { manyShare, batchSize, concurrency, viaGenerate, viaMany }) {
  const manyCount = Math.round(results.length * manyShare);
  const batches = [];
  for (let i = 0; i < manyCount; i += batchSize) {
    const batch = results.slice(i, Math.min(i + batchSize, manyCount));
    for (const j of batch) j.via = 'waitForMany';
    batches.push({ weight: batch.length, run: () => viaMany(batch) });
  }
  const singles = results.slice(manyCount).map((job) => ({ weight: 1, run: () => viaGenerate(job) }));
  // Interleave: one batch, then an even share of single jobs.
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
}
