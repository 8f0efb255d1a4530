/**
 * The soak's accounting: every figure from two independent sources, cross-checked.
 * - the simulator's own books (`counts()`, `tasks()`): what really happened on the server;
 * - what the caller learned (task ids from `onSubmitted` / submit answers, errors it received).
 *
 * A task is "lost" when the simulator created it, the caller never learned its id, and the
 * caller was not told that the submit is in doubt. A wait is "lost to a transient fault" when
 * the caller knew the task id and its wait ended in an error other than the task's own failure
 * (a `TaskFailedError` for a task the simulator's books show as failed).
 */
import { TaskFailedError } from '@vidukit/polling';
import { MARKER } from './mix.mjs';

export function balanceBooks({ results, counts, tasks, polls = new Map() }) {
  const tasksByJob = new Map();
  const statusById = new Map();
  let unattributed = 0;
  for (const t of tasks) {
    statusById.set(t.taskId, t.status);
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
  let lost = unattributed;
  const lostTasks = [];
  for (const job of results) {
    const created = tasksByJob.get(job.n) ?? [];
    const unknown = created.filter((id) => !learned.has(id));
    if (job.outcome === 'inDoubt' && unknown.length > 0) {
      inDoubtCreated++;
      unknown.shift(); // the one the caller was told may exist
    }
    for (const id of unknown) {
      lost++;
      lostTasks.push({ job: job.n, taskId: id, outcome: job.outcome, error: describe(job.error) });
    }
  }
  const distinctSuccessfulSubmits = learned.size;
  const duplicates = counts.tasksCreated - distinctSuccessfulSubmits - inDoubtCreated;
  const by = (o) => results.filter((j) => j.outcome === o).length;
  const inDoubt = by('inDoubt');

  // Waits: a failure after the submit must be the task's own, confirmed by the simulator.
  const failedWithTaskId = results.filter((j) => j.outcome === 'failedWithTaskId');
  const serverFailure = (j) => j.error instanceof TaskFailedError && statusById.get(j.error.taskId) === 'TASK_STATUS_FAILED';
  const waitsLost = failedWithTaskId.filter((j) => !serverFailure(j));
  // Every completed job's task really succeeded on the simulator.
  const completedNotSucceeded = results.filter((j) => j.outcome === 'completed' && ![...j.taskIds].some((id) => statusById.get(id) === 'TASK_STATUS_SUCCEED')).length;
  const errorNames = {};
  for (const j of results) if (j.error) errorNames[j.error.name] = (errorNames[j.error.name] ?? 0) + 1;
  const failedBy = {};
  for (const j of failedWithTaskId) failedBy[j.error?.name] = (failedBy[j.error?.name] ?? 0) + 1;

  return {
    completed: by('completed'),
    completedNotSucceeded,
    failedWithTaskId: failedWithTaskId.length,
    failedOnServer: failedWithTaskId.length - waitsLost.length,
    waitsLost: waitsLost.length,
    waitsLostDetails: waitsLost.slice(0, 20).map((j) => ({ job: j.n, via: j.via, error: describe(j.error), polls: (polls.get(j.error?.taskId) ?? []).slice(-12).join(' ') })),
    failedWithoutTaskIdOnError: results.filter((j) => j.missingTaskIdOnError).length,
    foreignTaskIdOnError: results.filter((j) => j.foreignTaskId !== undefined).length,
    submitRejected: by('submitRejected'),
    submitRejectedDetails: results.filter((j) => j.outcome === 'submitRejected').slice(0, 10).map((j) => describe(j.error)),
    pending: by('pending'),
    inDoubt,
    inDoubtCreated,
    inDoubtNotCreated: inDoubt - inDoubtCreated,
    duplicates,
    lost,
    lostTasks: lostTasks.slice(0, 20),
    tasksCreated: counts.tasksCreated,
    distinctSuccessfulSubmits,
    submitAttempts: counts.submitAttempts,
    serverRequests: Object.values(counts.requests).reduce((a, b) => a + b, 0),
    faults: counts.faults,
    faultsByScope: counts.faultsByScope,
    eligibleReads: counts.eligibleReads,
    downloadFailures: results.filter((j) => j.downloadError).slice(0, 10).map((j) => ({ job: j.n, error: describe(j.downloadError) })),
    responses: counts.responses,
    requestsByRoute: counts.requests,
    errorNames,
    failedBy,
    viaGenerate: results.filter((j) => j.via === 'generate').length,
    viaWaitForMany: results.filter((j) => j.via === 'waitForMany').length,
    jobMs: quantiles(results.map((j) => j.ms ?? 0)),
    slowest: [...results]
      .sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))
      .slice(0, 5)
      .map((j) => ({ job: j.n, via: j.via, ms: Math.round(j.ms ?? 0), outcome: j.outcome, error: j.error?.name })),
  };
}

const describe = (error) => (error ? `${error.name}: ${String(error.message).slice(0, 300)}` : undefined);

function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
  return { p50: q(0.5), p95: q(0.95), max: Math.round(s[s.length - 1] ?? 0) };
}
