/**
 * When to poll next. A schedule is a factory of per-task planners: each planner sees every
 * answer for its task and returns the delay until the next poll. Pure apart from `random`,
 * so the benchmark and the tests can drive it with a simulated clock.
 */
import type { Random } from './random.js';

/** What one poll saw, as the schedule needs it. */
export interface PollObservation {
  status: string;
  /** Seconds until the provider expects the task to finish. */
  etaSeconds?: number;
  /** Progress from 0 to 100. */
  progressPercent?: number;
}

/** Plans the polls of one task. */
export interface TaskPlanner {
  /**
   * The delay in ms until the next poll, given the answer just received at `now` (ms on the
   * wait's clock). Only called for non-terminal answers.
   */
  next(observation: PollObservation, now: number): number;
}

/** A poll schedule: makes one planner per task. */
export interface PollSchedule {
  /** `startedAt` is when the wait (or the task, when known) started, on the wait's clock. */
  start(startedAt: number, random: Random): TaskPlanner;
}

/**
 * Polls at a fixed interval (what most SDKs do); the benchmark's baseline.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { fixedSchedule, waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', { schedule: fixedSchedule(5_000) }); // every 5 s
 * ```
 */
export function fixedSchedule(intervalMs: number): PollSchedule {
  if (!(intervalMs > 0)) throw new RangeError('fixedSchedule: intervalMs must be a positive number of ms');
  return { start: () => ({ next: () => intervalMs }) };
}

export interface AdaptiveScheduleOptions {
  /** Shortest delay between two polls of one task, in ms (default 1000). */
  minIntervalMs?: number;
  /** Longest delay between two polls of one task, in ms (default 60000). */
  maxIntervalMs?: number;
  /**
   * Without hints, the delay is this fraction of the time waited so far (default 0.14), kept
   * between the min and max interval. The interval therefore grows by ×(1 + ratio) per poll:
   * exponential backoff whose detection lag stays under about `ratio` of the task's age.
   */
  backoffRatio?: number;
  /** Jitter: each no-hint delay is shortened by up to this fraction at random (default 0.2). */
  jitter?: number;
  /**
   * With an eta, while the expected completion is further than `finalWindowMs` away, the next
   * poll comes after this fraction of the remaining time (default 0.6), so a provider that
   * over-estimates is caught early and a fresh eta refines the plan.
   */
  etaFraction?: number;
  /** Within this many ms of the expected completion, poll just after it (default 3000). */
  finalWindowMs?: number;
  /** How long after the expected completion to poll (default 400 ms). */
  settleMs?: number;
  /** When the expected completion has passed, delays grow by this fraction of the overrun (default 0.25). */
  overdueRatio?: number;
}

const DEFAULTS: Required<AdaptiveScheduleOptions> = {
  minIntervalMs: 1000,
  maxIntervalMs: 60_000,
  backoffRatio: 0.14,
  jitter: 0.2,
  etaFraction: 0.6,
  finalWindowMs: 3000,
  settleMs: 400,
  overdueRatio: 0.25,
};

function finite(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/**
 * The default schedule.
 *
 * - With an `eta` (or a progress rate measured from `progress_percent`): the remaining time R is
 *   known. If R is more than `finalWindowMs`, poll after `etaFraction`·R; otherwise poll
 *   `settleMs` after the expected completion. If the task is still running past it, poll at the
 *   min interval, then back off by `overdueRatio` of the overrun.
 * - Without hints: exponential backoff with jitter, each delay `backoffRatio` of the time waited,
 *   between `minIntervalMs` and `maxIntervalMs`.
 * - An eta of 0 (or missing) on a task that never gave a positive one is not a hint.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { adaptiveSchedule, waitForTask } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const schedule = adaptiveSchedule({ minIntervalMs: 1_000, maxIntervalMs: 20_000 }); // follows the provider's eta
 * await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', { schedule });
 * ```
 */
export function adaptiveSchedule(options: AdaptiveScheduleOptions = {}): PollSchedule {
  const o = { ...DEFAULTS, ...options };
  if (!(o.minIntervalMs > 0) || !(o.maxIntervalMs >= o.minIntervalMs)) {
    throw new RangeError('adaptiveSchedule: need 0 < minIntervalMs <= maxIntervalMs');
  }
  const clamp = (ms: number) => Math.min(o.maxIntervalMs, Math.max(o.minIntervalMs, ms));

  return {
    start(startedAt, random) {
      /** When the last hint said the task would be done; undefined before any hint. */
      let expectedDoneAt: number | undefined;
      /** First progress sample (time, percent) of the current run, to measure a rate. */
      let progressStart: { at: number; percent: number } | undefined;

      function remainingFromHints(obs: PollObservation, now: number): number | undefined {
        if (finite(obs.etaSeconds) && obs.etaSeconds > 0) return obs.etaSeconds * 1000;
        const p = obs.progressPercent;
        if (finite(p) && p > 0) {
          if (!progressStart || p < progressStart.percent) progressStart = { at: now, percent: p };
          else if (p > progressStart.percent && now > progressStart.at) {
            const ratePerMs = (p - progressStart.percent) / (now - progressStart.at);
            return Math.max(0, (100 - p) / ratePerMs);
          }
        }
        return undefined;
      }

      return {
        next(obs, now) {
          const remaining = remainingFromHints(obs, now);
          if (remaining !== undefined && remaining > 0) {
            expectedDoneAt = now + remaining;
            if (remaining > o.finalWindowMs) {
              return clamp(remaining * o.etaFraction * (1 - 0.1 * random()));
            }
            return clamp(remaining + o.settleMs);
          }
          if (expectedDoneAt !== undefined && now >= expectedDoneAt - o.settleMs) {
            // Past the expected completion (eta now 0 or gone): poll soon, then back off gently.
            return clamp(o.overdueRatio * (now - expectedDoneAt));
          }
          const waited = Math.max(0, now - startedAt);
          const delay = clamp(o.backoffRatio * waited);
          return Math.max(o.minIntervalMs, delay * (1 - o.jitter * random()));
        },
      };
    },
  };
}
