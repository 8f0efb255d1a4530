/** Waiting for a task and saving its video: shared by generate, wait, download and batch. */
import { normalizeTaskResult, type ViduClient, type NormalizedTaskResult } from '@vidukit/client';
import { downloadVideo, waitForTask, TaskFailedError } from '@vidukit/polling/node';
import type { TaskProgress } from './progress.js';
import { shellQuote } from './output.js';

export interface SavedVideo {
  result: NormalizedTaskResult;
  file?: string;
  bytes?: number;
  refreshes?: number;
}

export interface FollowOptions {
  signal: AbortSignal;
  progress?: TaskProgress;
  /** Where to save the video; nothing is downloaded without it. */
  out?: string;
  timeoutMs?: number;
  /** A task created a moment ago may not be readable yet: 404 is retried this long. */
  notFoundGraceMs?: number;
}

export async function waitAndSave(client: ViduClient, taskId: string, o: FollowOptions): Promise<SavedVideo> {
  const result = await waitForTask(client, taskId, {
    signal: o.signal,
    ...(o.progress ? { onProgress: (u) => o.progress!.update(u) } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.notFoundGraceMs !== undefined ? { notFoundGraceMs: o.notFoundGraceMs } : {}),
  });
  if (!o.out) return { result };
  return save(client, result, o.out, o);
}

export async function save(
  client: ViduClient,
  result: NormalizedTaskResult,
  out: string,
  o: { signal: AbortSignal; progress?: TaskProgress },
): Promise<SavedVideo> {
  const d = await downloadVideo(result, out, {
    client,
    signal: o.signal,
    ...(o.progress ? { onProgress: (p) => o.progress!.download(p), onRetry: (r) => o.progress!.retry(r) } : {}),
  });
  return { result: d.result, file: out, bytes: d.bytes, refreshes: d.refreshes };
}

/** Reads a task once; throws TaskFailedError for a failed one. */
export async function readTask(client: ViduClient, taskId: string, signal: AbortSignal): Promise<NormalizedTaskResult> {
  const result = normalizeTaskResult(await client.getTaskResult(taskId, { signal }));
  return result;
}

export function failedError(result: NormalizedTaskResult): TaskFailedError {
  return new TaskFailedError(result.taskId, result.reason, result);
}

/** `vidu wait <id> --out <file> --base-url ...`: the exact command that picks a task up again. */
export function resumeCommand(taskId: string, out: string | undefined, flags: string[]): string {
  return ['vidu', 'wait', taskId, ...(out ? ['--out', out] : []), ...flags].map(shellQuote).join(' ');
}

/** A file name for a task's video when none was given. */
export function defaultOut(taskId: string): string {
  return `vidu-${taskId.replace(/[^\w.-]+/g, '_')}.mp4`;
}

/** A plain JSON view of a normalised result (no raw body, dates as ISO strings). */
export function resultJson(r: NormalizedTaskResult): Record<string, unknown> {
  return {
    taskId: r.taskId,
    status: r.status,
    isTerminal: r.isTerminal,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.taskType ? { taskType: r.taskType } : {}),
    ...(r.progressPercent !== undefined ? { progressPercent: r.progressPercent } : {}),
    ...(r.etaSeconds !== undefined ? { etaSeconds: r.etaSeconds } : {}),
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    videos: r.videos.map((v) => ({ url: v.url, ...(v.type ? { type: v.type } : {}), ...(v.expiresAt ? { expiresAt: v.expiresAt.toISOString() } : {}) })),
  };
}
