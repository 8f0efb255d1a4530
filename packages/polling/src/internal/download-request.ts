/**
 * One attempt's request: the video's URL (read again when it has expired or the host refuses
 * it as expired), redirects under the transport policy, and a Range when resuming. Returns a
 * 2xx answer; anything else becomes a DownloadError that says whether another attempt may help.
 */
import { normalizeTaskResult, parseRetryAfter, printable } from '@vidukit/client';
import { wallNow } from '../clock.js';
import { DownloadError } from '../errors.js';
import type { AttemptContext, DownloadState } from './download-core.js';
import { outcomes, retryHints } from './download-failure.js';
import { clientOf, rememberClient } from './registry.js';
import type { VideoAnswer } from './video-answer.js';
import { fetchVideo, RefusedUrl } from './video-fetch.js';

/** Statuses from a storage host that mean "this signed URL no longer works". */
const EXPIRED_STATUSES = new Set([401, 403, 404, 410]);

async function refresh(state: DownloadState, signal: AbortSignal, why: string): Promise<void> {
  const { taskId, options } = state;
  const client = options.client ?? clientOf(state.first);
  if (!client) {
    throw new DownloadError(`The video URL of task ${taskId} ${why}, and no client is known to read a fresh one: pass { client }`, { taskId });
  }
  const raw = await client.getTaskResult(taskId, { signal });
  const fresh = normalizeTaskResult(raw, new Date(wallNow(state.clock)));
  rememberClient(fresh, client);
  if (fresh.status !== 'TASK_STATUS_SUCCEED') {
    throw new DownloadError(`Task ${taskId} is ${printable(fresh.status)} when re-read for a fresh video URL`, { taskId });
  }
  state.current = fresh;
  state.refreshes++;
}

export async function requestVideo(state: DownloadState, c: AttemptContext): Promise<VideoAnswer> {
  const { taskId, options } = state;
  const index = options.index ?? 0;
  const skew = options.expirySkewMs ?? 30_000;
  const maxRefreshes = options.maxRefreshes ?? 2;
  const canRefresh = () => state.refreshes < maxRefreshes && (options.client ?? clientOf(state.first)) !== undefined;
  for (;;) {
    const video = state.current.videos[index];
    if (!video) throw new DownloadError(`Task ${taskId} has no video at index ${index}`, { taskId });
    const expired = video.expiresAt !== undefined && wallNow(state.clock) >= video.expiresAt.getTime() - skew;
    if (expired && canRefresh()) {
      await refresh(state, c.signal, 'has expired');
      continue;
    }
    let response: VideoAnswer;
    try {
      const headers = state.received > 0 ? { range: `bytes=${state.received}-` } : undefined;
      response = await fetchVideo(state.transport, video.url, c.signal, headers);
    } catch (error) {
      if (error instanceof RefusedUrl) throw new DownloadError(`The video of task ${taskId} was not downloaded: ${error.message}`, { taskId });
      throw c.failure(error, `Downloading the video of task ${taskId} failed`);
    }
    c.idle.touch();
    if (response.status >= 200 && response.status < 300) return response;
    await response.body?.cancel();
    if (EXPIRED_STATUSES.has(response.status) && state.refreshes < maxRefreshes) {
      await refresh(state, c.signal, `was refused (HTTP ${response.status})`);
      continue;
    }
    const error = new DownloadError(`The storage host answered HTTP ${response.status} for the video of task ${taskId}`, {
      taskId,
      status: response.status,
      receivedBytes: state.received,
    });
    outcomes.set(error, { kind: 'response', status: response.status });
    const retryAfter = response.header('retry-after');
    const wait = retryAfter === null ? undefined : parseRetryAfter(new Headers({ 'retry-after': retryAfter }), wallNow(state.clock));
    if (wait !== undefined) retryHints.set(error, wait);
    throw error;
  }
}
