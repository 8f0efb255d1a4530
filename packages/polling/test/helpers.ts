import type { TaskResult } from '@vidukit/types';
import { ManualClock } from '../src/manual-clock.js';
import type { PollRequestOptions, TaskReader } from '../src/types.js';

export const TASK = '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f';

export function raw(
  status: string,
  extra: { eta?: number | string; progress?: number | string; reason?: string; videoUrl?: string; ttl?: string | number; taskId?: string } = {},
): TaskResult {
  const task: Record<string, unknown> = { task_id: extra.taskId ?? TASK, status, reason: extra.reason ?? '' };
  if (extra.eta !== undefined) task.eta = extra.eta;
  if (extra.progress !== undefined) task.progress_percent = extra.progress;
  const out: Record<string, unknown> = { task };
  if (status === 'TASK_STATUS_SUCCEED') {
    out.videos = [{ video_url: extra.videoUrl ?? 'https://cdn.example/v.mp4', video_url_ttl: extra.ttl ?? '3600', video_type: 'mp4' }];
  }
  return out as unknown as TaskResult;
}

/** An error shaped like the client's (the engine classifies structurally). */
export function httpError(status: number, name: string, extra: Record<string, unknown> = {}): Error {
  const e = new Error(`HTTP ${status}`) as Error & Record<string, unknown>;
  e.name = name;
  e.status = status;
  Object.assign(e, extra);
  return e;
}

type Step = TaskResult | Error | 'hang';

/**
 * A fake client answering from a script, one step per call (the last step repeats). Records
 * the clock time and options of each call. 'hang' never answers (until its signal aborts).
 */
export function scriptedClient(clock: ManualClock, steps: Step[]) {
  const calls: { at: number; taskId: string; opts: PollRequestOptions | undefined }[] = [];
  const client: TaskReader & { calls: typeof calls } = {
    calls,
    getTaskResult(taskId: string, opts?: PollRequestOptions) {
      calls.push({ at: clock.now(), taskId, opts });
      const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
      if (step === 'hang') {
        return new Promise<TaskResult>((_resolve, reject) => {
          opts?.signal?.addEventListener('abort', () => reject(opts.signal!.reason), { once: true });
        });
      }
      return step instanceof Error ? Promise.reject(step) : Promise.resolve(structuredClone(step));
    },
  };
  return client;
}

export { ManualClock };
