/**
 * Reading one poll's answer: normalise it, say whether it changed what the caller has seen, and
 * warn (once per status value and scheduler) about a status the spec does not list. Providers
 * add statuses; such a task is treated as not finished, and its status is passed on as it came.
 */
import { normalizeTaskResult, type NormalizedTaskResult } from '@vidukit/client';
import { printable } from '@vidukit/client';
import type { PollWarning, TaskUpdate } from '../types.js';

/** Distinct unknown statuses warned about per scheduler, at most (a hostile server could send a new one per poll). */
const MAX_WARNED = 32;

/** What changes the caller sees: a new status, progress or eta. */
export function updateKey(r: NormalizedTaskResult): string {
  return `${r.status}|${r.progressPercent ?? ''}|${r.etaSeconds ?? ''}`;
}

export function readAnswer(raw: unknown, receivedAtWallMs: number): NormalizedTaskResult {
  return normalizeTaskResult(raw as never, new Date(receivedAtWallMs));
}

export function toUpdate(taskId: string, polls: number, result: NormalizedTaskResult): TaskUpdate {
  const update: TaskUpdate = { taskId, status: result.status, isTerminal: result.isTerminal, polls, result };
  if (result.progressPercent !== undefined) update.progressPercent = result.progressPercent;
  if (result.etaSeconds !== undefined) update.etaSeconds = result.etaSeconds;
  return update;
}

/** Warns once per unknown status value. */
export class UnknownStatusWarner {
  readonly #seen = new Set<string>();
  readonly #onWarning: ((warning: PollWarning) => void) | undefined;

  constructor(onWarning: ((warning: PollWarning) => void) | undefined) {
    this.#onWarning = onWarning;
  }

  check(taskId: string, result: NormalizedTaskResult): void {
    if (result.isKnownStatus || this.#seen.has(result.status) || this.#seen.size >= MAX_WARNED) return;
    this.#seen.add(result.status);
    const warning: PollWarning = {
      code: 'UNKNOWN_TASK_STATUS',
      taskId,
      status: result.status,
      message:
        `Task ${printable(taskId)} reported the status ${printable(result.status)}, which the API spec does not list; ` +
        'treating it as not finished and waiting on (within the deadline)',
    };
    try {
      this.#onWarning?.(warning);
    } catch {
      /* a throwing warning handler must not end the wait */
    }
  }
}
