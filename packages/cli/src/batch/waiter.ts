/**
 * How a batch waits for its tasks: every job waits through one shared poll scheduler of
 * @vidukit/polling (like waitForMany, for tasks that join as they are submitted), so the whole
 * batch has one request budget, one cap on polls in flight and one 429 pause.
 *
 * Each job also gets its own abort signal, fanned out from the run's: one listener on the
 * run's signal whatever the concurrency (one listener per job on a shared signal is what made
 * Node print MaxListenersExceededWarning at -c 16), and a way to stop every wait at once when
 * the journal can no longer be written.
 */
import type { ViduClient } from '@vidukit/client';
import { createPollScheduler, type SucceededTask, type TaskUpdate } from '@vidukit/polling/node';

export interface WaitRequest {
  signal: AbortSignal;
  onProgress?: (u: TaskUpdate) => void;
  timeoutMs?: number;
  /** A task created a moment ago may not be readable yet: 404 is retried this long. */
  notFoundGraceMs?: number;
}

export interface BatchWaiter {
  wait(taskId: string, request: WaitRequest): Promise<SucceededTask>;
  close(): void;
}

export interface WaiterOptions {
  /** Polls in flight at most, for the whole batch. */
  concurrency: number;
  /** Polls per rolling minute at most, for the whole batch. */
  pollsPerMinute: number;
}

export function createWaiter(client: ViduClient, o: WaiterOptions): BatchWaiter {
  const polls = createPollScheduler(client, { concurrency: o.concurrency, requestsPerMinute: o.pollsPerMinute });
  return {
    wait: (taskId, r) =>
      polls.wait(taskId, {
        signal: r.signal,
        ...(r.onProgress ? { onProgress: r.onProgress } : {}),
        ...(r.timeoutMs !== undefined ? { timeoutMs: r.timeoutMs } : {}),
        ...(r.notFoundGraceMs !== undefined ? { notFoundGraceMs: r.notFoundGraceMs } : {}),
      }),
    close: () => polls.close(),
  };
}

/** Per-job abort signals under one parent signal. */
export class SignalFanout {
  private readonly live = new Set<AbortController>();
  private reason: unknown;
  private readonly onAbort = () => this.abortAll(this.parent.reason);

  constructor(private readonly parent: AbortSignal) {
    parent.addEventListener('abort', this.onAbort, { once: true });
  }

  /** A signal for one job; `release` it when the job is done. */
  child(): { signal: AbortSignal; release(): void } {
    const c = new AbortController();
    if (this.reason !== undefined) c.abort(this.reason);
    else this.live.add(c);
    return { signal: c.signal, release: () => this.live.delete(c) };
  }

  abortAll(reason: unknown): void {
    this.reason ??= reason ?? new Error('stopped');
    for (const c of this.live) c.abort(this.reason);
    this.live.clear();
  }

  dispose(): void {
    this.parent.removeEventListener('abort', this.onAbort);
  }
}
