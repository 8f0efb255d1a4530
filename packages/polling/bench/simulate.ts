/**
 * The schedule benchmark's simulation, on a simulated clock: a population of tasks with
 * durations from 5 s to 300 s, each waited for with the real `waitForTask` (the engine, the
 * schedule, the error handling) against a fake provider that answers instantly.
 *
 * Provider model (with hints): the task is queued for 5–25 % of its duration, then processing;
 * `progress_percent` is linear over the processing time; `eta` is the true remaining time in
 * whole seconds, off by a per-task bias of up to ±20 % (providers' estimates are not exact).
 * Without hints neither field is sent.
 */
import type { TaskResult } from '@vidukit/types';
import { ManualClock } from '../src/manual-clock.js';
import { seededRandom } from '../src/random.js';
import { adaptiveSchedule, fixedSchedule, type PollSchedule } from '../src/schedule.js';
import { waitForTask } from '../src/wait.js';

export interface SimTask {
  durationMs: number;
  queuedMs: number;
  etaBias: number;
}

export function population(size: number, seed = 42): SimTask[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: size }, () => {
    const durationMs = Math.round(5_000 + rnd() * 295_000);
    return { durationMs, queuedMs: Math.round(durationMs * (0.05 + rnd() * 0.2)), etaBias: (rnd() * 2 - 1) * 0.2 };
  });
}

function answer(task: SimTask, t: number, hints: boolean): TaskResult {
  const base = { task_id: 'sim', reason: '' };
  if (t >= task.durationMs) {
    return { task: { ...base, status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: 'https://cdn.example/v.mp4', video_url_ttl: 3600 }] } as TaskResult;
  }
  const queued = t < task.queuedMs;
  const info: Record<string, unknown> = { ...base, status: queued ? 'TASK_STATUS_QUEUED' : 'TASK_STATUS_PROCESSING' };
  if (hints) {
    const remaining = (task.durationMs - t) / 1000;
    info.eta = Math.max(0, Math.round(remaining * (1 + task.etaBias)));
    info.progress_percent = queued ? 0 : Math.floor((100 * (t - task.queuedMs)) / (task.durationMs - task.queuedMs));
  }
  return { task: info } as unknown as TaskResult;
}

export interface TaskFigures {
  polls: number;
  lagMs: number;
  durationMs: number;
}

/** Waits for every task of the population with `schedule`; one simulated clock per task. */
export async function simulate(tasks: SimTask[], schedule: PollSchedule, hints: boolean, seed = 7): Promise<TaskFigures[]> {
  const random = seededRandom(seed);
  const out: TaskFigures[] = [];
  for (const task of tasks) {
    const clock = new ManualClock(0);
    let polls = 0;
    const client = {
      async getTaskResult(): Promise<TaskResult> {
        polls++;
        return answer(task, clock.now(), hints);
      },
    };
    await clock.run(waitForTask(client, 'sim', { clock, random, schedule, startedAt: 0, timeoutMs: 3_600_000 }));
    out.push({ polls, lagMs: clock.now() - task.durationMs, durationMs: task.durationMs });
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Row {
  schedule: string;
  hints: boolean;
  pollsPerTask: number;
  lagP50s: number;
  lagP95s: number;
  /** Lag as a fraction of the task's duration. */
  relLagP50: number;
  relLagP95: number;
}

export function summarise(name: string, hints: boolean, figures: TaskFigures[]): Row {
  const polls = figures.reduce((s, f) => s + f.polls, 0) / figures.length;
  const lags = figures.map((f) => f.lagMs / 1000);
  const rel = figures.map((f) => f.lagMs / f.durationMs);
  return {
    schedule: name,
    hints,
    pollsPerTask: polls,
    lagP50s: percentile(lags, 50),
    lagP95s: percentile(lags, 95),
    relLagP50: percentile(rel, 50),
    relLagP95: percentile(rel, 95),
  };
}

export interface Verdict {
  rows: Row[];
  checks: { name: string; ok: boolean; detail: string }[];
}

/** Runs the three schedules with and without hints and checks the targets. */
export async function runBenchmark(size: number, seed = 42): Promise<Verdict> {
  const tasks = population(size, seed);
  const schedules: [string, PollSchedule][] = [
    ['adaptive (default)', adaptiveSchedule()],
    ['fixed 500 ms', fixedSchedule(500)],
    ['fixed 1 s', fixedSchedule(1000)],
  ];
  const rows: Row[] = [];
  for (const hints of [true, false]) {
    for (const [name, schedule] of schedules) rows.push(summarise(name, hints, await simulate(tasks, schedule, hints)));
  }
  const get = (name: string, hints: boolean) => rows.find((r) => r.schedule === name && r.hints === hints)!;
  const checks: Verdict['checks'] = [];
  const aH = get('adaptive (default)', true);
  const fH = get('fixed 1 s', true);
  checks.push({
    name: 'with eta: requests <= 1/8 of fixed 1 s',
    ok: aH.pollsPerTask <= fH.pollsPerTask / 8,
    detail: `${aH.pollsPerTask.toFixed(1)} vs ${fH.pollsPerTask.toFixed(1)} (1/${(fH.pollsPerTask / aH.pollsPerTask).toFixed(1)})`,
  });
  checks.push({ name: 'with eta: p95 lag <= 2 s', ok: aH.lagP95s <= 2, detail: `${aH.lagP95s.toFixed(2)} s` });
  const aN = get('adaptive (default)', false);
  const fN = get('fixed 1 s', false);
  checks.push({
    name: 'without hints: requests <= 1/4 of fixed 1 s',
    ok: aN.pollsPerTask <= fN.pollsPerTask / 4,
    detail: `${aN.pollsPerTask.toFixed(1)} vs ${fN.pollsPerTask.toFixed(1)} (1/${(fN.pollsPerTask / aN.pollsPerTask).toFixed(1)})`,
  });
  checks.push({
    name: 'without hints: p95 lag <= 15 % of duration',
    ok: aN.relLagP95 <= 0.15,
    detail: `${(aN.relLagP95 * 100).toFixed(1)} %`,
  });
  return { rows, checks };
}

export function formatTable(v: Verdict): string {
  const head = '| hints | schedule | polls/task | lag p50 | lag p95 | lag/duration p50 | lag/duration p95 |';
  const sep = '|---|---|---:|---:|---:|---:|---:|';
  const lines = v.rows.map(
    (r) =>
      `| ${r.hints ? 'eta + progress' : 'none'} | ${r.schedule} | ${r.pollsPerTask.toFixed(1)} | ${r.lagP50s.toFixed(2)} s | ${r.lagP95s.toFixed(2)} s | ${(r.relLagP50 * 100).toFixed(1)} % | ${(r.relLagP95 * 100).toFixed(1)} % |`,
  );
  const checks = v.checks.map((c) => `- ${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`);
  return [head, sep, ...lines, '', ...checks].join('\n');
}
