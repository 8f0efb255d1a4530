/** One task inside the poll engine, and how it is created. */
import type { Random } from '../random.js';
import type { PollSchedule, TaskPlanner } from '../schedule.js';

/** One task to wait for. */
export interface TaskSpec {
  taskId: string;
  /** When the task started, on the clock (for the schedule and the not-found grace). */
  startedAt: number;
  /** Its own deadline, ms from now; Infinity = none. */
  timeoutMs: number;
  /** Its own 404 grace period (default: the engine's). */
  notFoundGraceMs?: number;
}

export interface Entry {
  taskId: string;
  startedAt: number;
  deadlineAt: number;
  timeoutMs: number;
  notFoundGraceMs: number;
  /** When the next poll is due, and a tie-breaker (first come, first polled). */
  dueAt: number;
  seq: number;
  planner: TaskPlanner;
  polls: number;
  consecutiveErrors: number;
  lastStatus: string | undefined;
  lastKey: string | undefined;
  /** Aborts the poll in flight, if any. */
  controller: AbortController | undefined;
  /** When the last poll was sent (a 429 to an older poll does not escalate the pause). */
  sentAt: number;
  settled: boolean;
}

export function newEntry(t: TaskSpec, now: number, seq: number, schedule: PollSchedule, random: Random, notFoundGraceMs: number): Entry {
  return {
    taskId: t.taskId,
    startedAt: t.startedAt,
    deadlineAt: now + t.timeoutMs,
    timeoutMs: t.timeoutMs,
    notFoundGraceMs: t.notFoundGraceMs ?? notFoundGraceMs,
    dueAt: now,
    seq,
    planner: schedule.start(t.startedAt, random),
    polls: 0,
    consecutiveErrors: 0,
    lastStatus: undefined,
    lastKey: undefined,
    controller: undefined,
    sentAt: now,
    settled: false,
  };
}

export const byDue = (a: Entry, b: Entry): boolean => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
export const byDeadline = (a: Entry, b: Entry): boolean => a.deadlineAt < b.deadlineAt;
