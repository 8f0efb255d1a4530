/**
 * Streaming a task's video to a `WritableStream` (browser-safe). The Node entry adds file
 * paths on top of the same core (internal/download-core.ts).
 */
import type { NormalizedTaskResult } from '@vidukit/client';
import type { Clock } from './clock.js';
import type { DownloadError } from './errors.js';
import { downloadToSink, type SinkTarget } from './internal/download-core.js';
import type { TaskReader } from './types.js';

export type { DownloadSink, SinkTarget } from './internal/download-core.js';

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
  /**
   * The most bytes a video may have (default 4 GiB; Vidu's videos are well under 100 MB): a host
   * that announces or sends more is refused, so a hostile or broken one cannot fill the disk.
   */
  maxBytes?: number;
  /** Which video of the result (default 0). */
  index?: number;
  /**
   * The fetch used for the storage host (default `globalThis.fetch`). On Node, a download to a
   * file path without this option reads over `node:net`/`node:tls` instead (flat memory, faster),
   * unless the global fetch was replaced, an undici dispatcher was set or proxy variables are in
   * the environment: then it uses fetch, so those keep applying.
   */
  fetch?: typeof fetch;
  /** A URL is treated as expired this many ms before its `expiresAt` (default 30000). */
  expirySkewMs?: number;
  /** How many times a fresh URL may be fetched (default 2). */
  maxRefreshes?: number;
  /**
   * How many times a transient failure is retried (default 3): the connection lost or cut, a
   * stall (`idleTimeoutMs`), 408, 429 (after its Retry-After) and 5xx, with the client's
   * backoff. A retry resumes with a Range request where the host serves ranges; otherwise a
   * file starts over (a `WritableStream` cannot, so that download fails). 0: no retry.
   */
  maxRetries?: number;
  /** Called before each retry, with the failure and the wait. */
  onRetry?: (retry: DownloadRetry) => void;
  /**
   * The download fails with `DownloadError` when the storage host sends nothing for this long,
   * before its headers or mid-body (default 30000 ms; `Infinity` to wait for ever).
   */
  idleTimeoutMs?: number;
  clock?: Clock;
}

export interface DownloadRetry {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** Bytes of the video already written (where the retry resumes, when the host allows). */
  receivedBytes: number;
  error: DownloadError;
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

/** A sink over a `WritableStream`: each chunk is awaited, so backpressure holds. */
export function writableTarget(stream: WritableStream<Uint8Array>): SinkTarget {
  return {
    async open() {
      const writer = stream.getWriter();
      return {
        async write(chunks) {
          for (const chunk of chunks) await writer.write(chunk);
        },
        close: async () => {
          await writer.close();
        },
        abort: async (reason) => {
          await writer.abort(reason).catch(() => {});
        },
      };
    },
  };
}

/** Bad arguments fail before anything is fetched. */
export function checkResult(result: unknown): asserts result is NormalizedTaskResult {
  const r = result as Partial<NormalizedTaskResult> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.videos) || typeof r.taskId !== 'string') {
    throw new TypeError('downloadVideo: result must be a task result from waitForTask, generate or normalizeTaskResult');
  }
}

/**
 * Streams the video of a succeeded task to a `WritableStream` without holding it in memory.
 * Refuses URLs that are not https (http only on loopback, on every redirect), answers that are
 * not a video (by content type and by the container signature of the first bytes), empty and
 * truncated bodies, and a storage host that stalls for `idleTimeoutMs`. When the URL has
 * expired (past its TTL, or refused with 401/403/404/410) it reads the task again for a fresh
 * URL. For file paths use `downloadVideo` from `@vidukit/polling/node`.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { waitForTask } from '@vidukit/polling';
 * import { downloadVideo } from '@vidukit/polling/download';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const result = await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const { bytes } = await downloadVideo(result, new WritableStream({ write: (chunk) => void chunks.push(chunk.slice()) }));
 * const video = new Blob(chunks, { type: 'video/mp4' }); // e.g. URL.createObjectURL(video) for a <video>
 * console.log(bytes, video.size);
 * ```
 */
export async function downloadVideo(
  result: NormalizedTaskResult,
  destination: WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  checkResult(result);
  if (typeof (destination as { getWriter?: unknown } | null)?.getWriter !== 'function') {
    const what = typeof destination === 'string' || destination instanceof URL ? 'a file path' : destination === null ? 'null' : `a ${typeof destination}`;
    throw new TypeError(
      `downloadVideo: the destination is ${what}, but this entry writes to a WritableStream. ` +
        "Pass a WritableStream, or for a file path import { downloadVideo } from '@vidukit/polling/node'",
    );
  }
  return downloadToSink(result, writableTarget(destination), options);
}
