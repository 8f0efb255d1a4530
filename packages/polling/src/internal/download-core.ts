/**
 * The shared download logic of both entries: check the destination, pick the video, refresh an
 * expired URL, fetch under the transport policy, refuse what is not a video, stream with an
 * idle timeout, check the length, commit. Nothing is written unless the answer is a video.
 */
import { AbortError, normalizeTaskResult, type NormalizedTaskResult } from '@vidukit/client';
import { systemClock, wallNow } from '../clock.js';
import type { DownloadOptions, DownloadOutcome } from '../download.js';
import { DownloadError } from '../errors.js';
import { printable } from '@vidukit/client';
import { IdleGuard } from './idle-guard.js';
import { clientOf, rememberClient } from './registry.js';
import { type ChunkSource, fetchTransport, type VideoAnswer, type VideoTransport } from './video-answer.js';
import { fetchVideo, RefusedUrl } from './video-fetch.js';
import { isVideoContentType, mediaType, SNIFF_BYTES, videoContainer } from './video-sniff.js';

/** Where the bytes go, once the answer is known to be a video. */
export interface DownloadSink {
  /** The chunks (in order) may be reused once the promise settles: finish with them (or copy) before. */
  write(chunks: Uint8Array[]): Promise<void>;
  /** Called after the whole body was written and its length checked. */
  close(): Promise<void>;
  /** Called on any failure after opening; must not throw. */
  abort(reason: unknown): Promise<void>;
}

export interface SinkTarget {
  /** Runs before anything is fetched: a destination that cannot be written fails here. */
  check?(): Promise<void>;
  /** Opened only once the storage host has answered 2xx with video bytes. */
  open(): Promise<DownloadSink>;
}

/** Statuses from a storage host that mean "this signed URL no longer works". */
const EXPIRED_STATUSES = new Set([401, 403, 404, 410]);
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

const messageOf = (error: unknown): string => printable((error as Error)?.message ?? String(error), 300);

/** The client's `AbortError`, with the task id and the signal's reason as `cause`. */
function aborted(signal: AbortSignal | undefined, taskId: string): AbortError {
  return new AbortError(`Downloading the video of task ${taskId} was aborted`, { taskId, cause: signal?.reason, operation: 'downloadVideo' });
}

/**
 * Reads until at least `n` bytes (or the end): the head to sniff, as the chunks that hold it
 * (copied when the source lends its memory, since reading on reuses it).
 */
async function readHead(source: ChunkSource, n: number): Promise<{ chunks: Uint8Array[]; bytes: number; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < n) {
    const batch = await source.read();
    if (batch === undefined) return { chunks, bytes, done: true };
    for (const value of batch) {
      chunks.push(source.lent ? value.slice() : value);
      bytes += value.byteLength;
    }
  }
  return { chunks, bytes, done: false };
}

function concatHead(chunks: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    if (at >= n) break;
    const part = c.subarray(0, n - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out.subarray(0, at);
}

export async function downloadToSink(
  result: NormalizedTaskResult,
  target: SinkTarget,
  options: DownloadOptions = {},
  transport: VideoTransport = fetchTransport(options.fetch ?? globalThis.fetch),
): Promise<DownloadOutcome> {
  const clock = options.clock ?? systemClock;
  const index = options.index ?? 0;
  const skew = options.expirySkewMs ?? 30_000;
  const maxRefreshes = options.maxRefreshes ?? 2;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!(idleMs > 0)) throw new RangeError(`idleTimeoutMs must be a positive number of ms or Infinity (got ${String(idleMs)})`);
  const signal = options.signal;
  const taskId = result.taskId;
  let current = result;
  let refreshes = 0;

  if (signal?.aborted) throw aborted(signal, taskId);
  try {
    await target.check?.();
  } catch (error) {
    throw error instanceof DownloadError ? error : new DownloadError(`Cannot save the video of task ${taskId}: ${messageOf(error)}`, { taskId, cause: error });
  }

  // One controller for the whole download: the caller's signal and the idle timeout abort it.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let stalled = false;
  const idle = new IdleGuard(clock, idleMs, () => {
    stalled = true;
    controller.abort(new Error(`no data for ${idleMs} ms`));
  });
  const stalledError = (received: number) =>
    new DownloadError(`The storage host stalled: nothing received for ${idleMs} ms (idleTimeoutMs) after ${received} bytes of the video of task ${taskId}`, {
      taskId,
      receivedBytes: received,
    });
  const failure = (error: unknown, received: number, what: string, expectedBytes?: number): Error => {
    if (signal?.aborted) return aborted(signal, taskId);
    if (stalled) return stalledError(received);
    if (error instanceof DownloadError) return error;
    return new DownloadError(`${what}: ${messageOf(error)}`, { taskId, receivedBytes: received, cause: error, ...(expectedBytes !== undefined ? { expectedBytes } : {}) });
  };

  const refresh = async (why: string): Promise<void> => {
    const client = options.client ?? clientOf(result);
    if (!client) {
      throw new DownloadError(`The video URL of task ${taskId} ${why}, and no client is known to read a fresh one: pass { client }`, { taskId });
    }
    const raw = await client.getTaskResult(taskId, { signal: controller.signal });
    const fresh = normalizeTaskResult(raw, new Date(wallNow(clock)));
    rememberClient(fresh, client);
    if (fresh.status !== 'TASK_STATUS_SUCCEED') {
      throw new DownloadError(`Task ${taskId} is ${printable(fresh.status)} when re-read for a fresh video URL`, { taskId });
    }
    current = fresh;
    refreshes++;
  };

  try {
    let response: VideoAnswer;
    for (;;) {
      const video = current.videos[index];
      if (!video) throw new DownloadError(`Task ${taskId} has no video at index ${index}`, { taskId });
      const expired = video.expiresAt !== undefined && wallNow(clock) >= video.expiresAt.getTime() - skew;
      if (expired && refreshes < maxRefreshes && (options.client ?? clientOf(result))) {
        await refresh('has expired');
        continue;
      }
      try {
        response = await fetchVideo(transport, video.url, controller.signal);
      } catch (error) {
        if (error instanceof RefusedUrl) throw new DownloadError(`The video of task ${taskId} was not downloaded: ${error.message}`, { taskId });
        throw failure(error, 0, `Downloading the video of task ${taskId} failed`);
      }
      idle.touch();
      if (response.status >= 200 && response.status < 300) break;
      await response.body?.cancel();
      if (EXPIRED_STATUSES.has(response.status) && refreshes < maxRefreshes) {
        await refresh(`was refused (HTTP ${response.status})`);
        continue;
      }
      throw new DownloadError(`The storage host answered HTTP ${response.status} for the video of task ${taskId}`, { taskId, status: response.status });
    }
    return await streamBody(response, target, { taskId, idle, failure, options, refreshes, result: () => current, signal });
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', onAbort);
  }
}

interface StreamContext {
  taskId: string;
  idle: IdleGuard;
  failure: (error: unknown, received: number, what: string, expectedBytes?: number) => Error;
  options: DownloadOptions;
  refreshes: number;
  result: () => NormalizedTaskResult;
  signal: AbortSignal | undefined;
}

/** Checks that a 2xx answer is a video, then streams it into the sink. */
async function streamBody(response: VideoAnswer, target: SinkTarget, c: StreamContext): Promise<DownloadOutcome> {
  const { taskId, options } = c;
  const contentType = response.header('content-type');
  const status = response.status;
  if (!isVideoContentType(contentType)) {
    await response.body?.cancel();
    throw new DownloadError(`The storage host answered ${status} with ${printable(mediaType(contentType))}, not a video, for task ${taskId}`, { taskId, status });
  }
  const encoding = response.header('content-encoding');
  const lengthHeader = response.header('content-length');
  const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : undefined;
  // With a content-encoding, fetch decodes and Content-Length counts the encoded bytes.
  const expected = encoding && encoding !== 'identity' ? undefined : declared;
  const body = response.body;
  if (!body) throw new DownloadError(`The storage host sent no body for the video of task ${taskId}`, { taskId, status });

  let received = 0;
  let sink: DownloadSink | undefined;
  try {
    let head: Awaited<ReturnType<typeof readHead>>;
    try {
      head = await readHead(body, SNIFF_BYTES);
    } catch (error) {
      throw c.failure(error, 0, `Downloading the video of task ${taskId} failed`, expected);
    }
    c.idle.touch();
    if (head.bytes === 0) {
      throw new DownloadError(`The storage host sent an empty body (HTTP ${status}) for the video of task ${taskId}`, { taskId, status, ...(expected !== undefined ? { expectedBytes: expected } : {}) });
    }
    if (!videoContainer(concatHead(head.chunks, SNIFF_BYTES))) {
      throw new DownloadError(
        `The storage host answered ${status} with bytes that are not a video container (MP4, MOV, WebM, ...) for task ${taskId}` +
          (head.done ? ` (${head.bytes} bytes in all)` : ''),
        { taskId, status, receivedBytes: head.bytes },
      );
    }
    try {
      sink = await target.open();
    } catch (error) {
      throw new DownloadError(`Cannot save the video of task ${taskId}: ${(error as Error)?.message ?? String(error)}`, { taskId, cause: error });
    }
    const put = async (chunks: Uint8Array[]): Promise<void> => {
      for (const chunk of chunks) received += chunk.byteLength;
      if (expected !== undefined && received > expected) {
        throw new DownloadError(`Received more bytes than the ${expected} announced for the video of task ${taskId}`, { taskId, receivedBytes: received, expectedBytes: expected });
      }
      await sink!.write(chunks);
      options.onProgress?.({ receivedBytes: received, totalBytes: declared });
    };
    await put(head.chunks);
    for (let done = head.done; !done; ) {
      let next: Uint8Array[] | undefined;
      try {
        next = await body.read();
      } catch (error) {
        throw c.failure(error, received, `Downloading the video of task ${taskId} failed after ${received} bytes`, expected);
      }
      c.idle.touch();
      if (c.signal?.aborted) throw c.failure(undefined, received, '');
      if (next === undefined) done = true;
      else await put(next);
    }
    if (expected !== undefined && received !== expected) {
      throw new DownloadError(`The video of task ${taskId} is truncated: ${received} of ${expected} bytes`, { taskId, receivedBytes: received, expectedBytes: expected });
    }
    await sink.close();
  } catch (error) {
    await body.cancel();
    const final = c.failure(error, received, `Downloading the video of task ${taskId} failed after ${received} bytes`, expected);
    await sink?.abort(final).catch(() => {});
    throw final;
  }
  return { bytes: received, contentType: contentType ?? undefined, refreshes: c.refreshes, result: c.result() };
}
