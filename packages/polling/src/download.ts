/**
 * Streaming a task's video to a `WritableStream` (browser-safe). The Node entry adds file
 * paths on top of the same core (`downloadToSink`).
 */
import { AbortError, normalizeTaskResult, type NormalizedTaskResult } from '@vidukit/client';
import { systemClock, wallNow, type Clock } from './clock.js';
import { DownloadError } from './errors.js';
import { clientOf, rememberClient } from './internal/registry.js';
import type { TaskReader } from './types.js';

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length; undefined when the server did not send one. */
  totalBytes: number | undefined;
}

export interface DownloadOptions {
  /** Called after each chunk is written. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Stops the download at once (the destination is aborted, a temp file removed). */
  signal?: AbortSignal;
  /**
   * The client used to read the task again when the URL has expired. Default: the client that
   * produced `result` (when it came from `waitForTask`, `generate` or `waitForMany`).
   */
  client?: TaskReader;
  /** Which video of the result (default 0). */
  index?: number;
  /** The fetch used for the storage host (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** A URL is treated as expired this many ms before its `expiresAt` (default 30000). */
  expirySkewMs?: number;
  /** How many times a fresh URL may be fetched (default 2). */
  maxRefreshes?: number;
  clock?: Clock;
}

export interface DownloadOutcome {
  /** Bytes written (checked against Content-Length when one was sent). */
  bytes: number;
  contentType: string | undefined;
  /** How many times the URL was refreshed. */
  refreshes: number;
  /** The result whose URL was downloaded (a fresh one after a refresh). */
  result: NormalizedTaskResult;
}

/** Where the bytes go. Opened only once the storage host has answered 2xx. */
export interface DownloadSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Called after the whole body was written and its length checked. */
  close(): Promise<void>;
  /** Called on any failure after opening; must not throw. */
  abort(reason: unknown): Promise<void>;
}

/** Statuses from a storage host that mean "this signed URL no longer works". */
const EXPIRED_STATUSES = new Set([401, 403, 404, 410]);

/** The client's `AbortError`, with the task id and the signal's reason as `cause`. */
function aborted(signal: AbortSignal | undefined, taskId: string): AbortError {
  return new AbortError(`Downloading the video of task ${taskId} was aborted`, { taskId, cause: signal?.reason, operation: 'downloadVideo' });
}

/** The shared download logic: pick, refresh, fetch, stream, check, commit. */
export async function downloadToSink(
  result: NormalizedTaskResult,
  openSink: () => Promise<DownloadSink>,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const index = options.index ?? 0;
  const skew = options.expirySkewMs ?? 30_000;
  const maxRefreshes = options.maxRefreshes ?? 2;
  const signal = options.signal;
  const taskId = result.taskId;
  let current = result;
  let refreshes = 0;

  const refresh = async (why: string): Promise<void> => {
    const client = options.client ?? clientOf(result);
    if (!client) {
      throw new DownloadError(`The video URL of task ${taskId} ${why}, and no client is known to read a fresh one: pass { client }`, { taskId });
    }
    const raw = await client.getTaskResult(taskId, signal ? { signal } : {});
    const fresh = normalizeTaskResult(raw, new Date(wallNow(clock)));
    rememberClient(fresh, client);
    if (fresh.status !== 'TASK_STATUS_SUCCEED') {
      throw new DownloadError(`Task ${taskId} is ${fresh.status} when re-read for a fresh video URL`, { taskId });
    }
    current = fresh;
    refreshes++;
  };

  let response: Response;
  for (;;) {
    if (signal?.aborted) throw aborted(signal, taskId);
    const video = current.videos[index];
    if (!video) throw new DownloadError(`Task ${taskId} has no video at index ${index}`, { taskId });
    const expired = video.expiresAt !== undefined && wallNow(clock) >= video.expiresAt.getTime() - skew;
    if (expired && refreshes < maxRefreshes && (options.client ?? clientOf(result))) {
      await refresh('has expired');
      continue;
    }
    try {
      response = await fetchImpl(video.url, signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) throw aborted(signal, taskId);
      throw new DownloadError(`Downloading the video of task ${taskId} failed: ${(error as Error)?.message ?? String(error)}`, { taskId, cause: error });
    }
    if (response.ok) break;
    await response.body?.cancel().catch(() => {});
    if (EXPIRED_STATUSES.has(response.status) && refreshes < maxRefreshes) {
      await refresh(`was refused (HTTP ${response.status})`);
      continue;
    }
    throw new DownloadError(`The storage host answered HTTP ${response.status} for the video of task ${taskId}`, { taskId, status: response.status });
  }

  const encoding = response.headers.get('content-encoding');
  const lengthHeader = response.headers.get('content-length');
  const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : undefined;
  // With a content-encoding, fetch decodes and Content-Length counts the encoded bytes.
  const expected = encoding && encoding !== 'identity' ? undefined : declared;
  const body = response.body;
  if (!body) throw new DownloadError(`The storage host sent no body for the video of task ${taskId}`, { taskId, status: response.status });

  const sink = await openSink();
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw aborted(signal, taskId);
      received += value.byteLength;
      if (expected !== undefined && received > expected) {
        throw new DownloadError(`Received more bytes than the ${expected} announced for the video of task ${taskId}`, { taskId, receivedBytes: received, expectedBytes: expected });
      }
      await sink.write(value);
      options.onProgress?.({ receivedBytes: received, totalBytes: declared });
    }
    if (expected !== undefined && received !== expected) {
      throw new DownloadError(`The video of task ${taskId} is truncated: ${received} of ${expected} bytes`, { taskId, receivedBytes: received, expectedBytes: expected });
    }
    await sink.close();
  } catch (error) {
    await reader.cancel().catch(() => {});
    await sink.abort(error).catch(() => {});
    if (signal?.aborted) throw aborted(signal, taskId);
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(`Downloading the video of task ${taskId} failed after ${received} bytes: ${(error as Error)?.message ?? String(error)}`, {
      taskId,
      receivedBytes: received,
      ...(expected !== undefined ? { expectedBytes: expected } : {}),
      cause: error,
    });
  }
  return { bytes: received, contentType: response.headers.get('content-type') ?? undefined, refreshes, result: current };
}

/** A sink over a `WritableStream`: each chunk is awaited, so backpressure holds. */
export function writableSink(stream: WritableStream<Uint8Array>): () => Promise<DownloadSink> {
  return async () => {
    const writer = stream.getWriter();
    return {
      write: (chunk) => writer.write(chunk),
      close: async () => {
        await writer.close();
      },
      abort: async (reason) => {
        await writer.abort(reason).catch(() => {});
      },
    };
  };
}

/**
 * Streams the video of a succeeded task to a `WritableStream` without holding it in memory,
 * checks the byte count against Content-Length, and when the URL has expired (past its TTL,
 * or refused with 401/403/404/410 by the storage host) reads the task again for a fresh URL.
 * For file paths use `downloadVideo` from `@vidukit/polling/node`.
 */
export function downloadVideo(
  result: NormalizedTaskResult,
  destination: WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  return downloadToSink(result, writableSink(destination), options);
}
