/**
 * The shared download logic of both entries: check the destination, then attempts, each one
 * request (a fresh URL when it has expired, redirects under the transport policy) and its body
 * (internal/download-body.ts). A transient failure (connection lost, a stall, 408, 429, 5xx) is
 * retried under the client's retry policy, resuming with a Range request where the host allows
 * it. Nothing is written unless the answer is a video; nothing is committed unless complete.
 */
import { AbortError, printable, retryDelay, shouldRetry, type NormalizedTaskResult } from '@vidukit/client';
import { systemClock, timerDelay, type Clock } from '../clock.js';
import type { DownloadOptions, DownloadOutcome } from '../download.js';
import { DownloadError } from '../errors.js';
import { readBody } from './download-body.js';
import { outcomes, retryHints } from './download-failure.js';
import { requestVideo } from './download-request.js';
import { IdleGuard } from './idle-guard.js';
import { fetchTransport, type VideoTransport } from './video-answer.js';

/** Where the bytes go, once the answer is known to be a video. */
export interface DownloadSink {
  /** The chunks (in order) may be reused once the promise settles: finish with them (or copy) before. */
  write(chunks: Uint8Array[]): Promise<void>;
  /** Drops what was written, to take the video again from its start. Absent: the sink cannot. */
  restart?(): Promise<void>;
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

/** What one download carries from attempt to attempt. */
export interface DownloadState {
  readonly taskId: string;
  readonly first: NormalizedTaskResult;
  readonly options: DownloadOptions;
  readonly transport: VideoTransport;
  readonly clock: Clock;
  readonly target: SinkTarget;
  /** The result whose URL is used (a fresh one after a refresh). */
  current: NormalizedTaskResult;
  refreshes: number;
  sink: DownloadSink | undefined;
  /** Bytes written to the sink so far (where a resumed attempt starts). */
  received: number;
  contentType: string | undefined;
  /** The host said it serves byte ranges (`Accept-Ranges: bytes`), so a cut download can resume. */
  acceptsRanges: boolean;
}

/** What an attempt's failure handlers need to word an error. */
export interface AttemptContext {
  signal: AbortSignal;
  idle: IdleGuard;
  /** The error to throw for `error` (a stall, the caller's abort, or `error` worded as `what`). */
  failure(error: unknown, what: string, expectedBytes?: number): Error;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;

const messageOf = (error: unknown): string => printable((error as Error)?.message ?? String(error), 300);

/** The client's `AbortError`, with the task id and the signal's reason as `cause`. */
function aborted(signal: AbortSignal | undefined, taskId: string): AbortError {
  return new AbortError(`Downloading the video of task ${taskId} was aborted`, { taskId, cause: signal?.reason, operation: 'downloadVideo' });
}

export async function downloadToSink(
  result: NormalizedTaskResult,
  target: SinkTarget,
  options: DownloadOptions = {},
  transport: VideoTransport = fetchTransport(options.fetch ?? globalThis.fetch),
): Promise<DownloadOutcome> {
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!(idleMs > 0)) throw new RangeError(`idleTimeoutMs must be a positive number of ms or Infinity (got ${String(idleMs)})`);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be a whole number >= 0 (got ${String(maxRetries)})`);
  if (options.maxBytes !== undefined && !(options.maxBytes > 0)) throw new RangeError(`maxBytes must be a positive number of bytes (got ${String(options.maxBytes)})`);
  const signal = options.signal;
  const taskId = result.taskId;
  if (signal?.aborted) throw aborted(signal, taskId);
  try {
    await target.check?.();
  } catch (error) {
    throw error instanceof DownloadError ? error : new DownloadError(`Cannot save the video of task ${taskId}: ${messageOf(error)}`, { taskId, cause: error });
  }
  const clock = options.clock ?? systemClock;
  const state: DownloadState = { taskId, first: result, options, transport, clock, target, current: result, refreshes: 0, sink: undefined, received: 0, contentType: undefined, acceptsRanges: false };
  for (let retry = 0; ; retry++) {
    try {
      await attempt(state, idleMs);
      await state.sink!.close();
      return { bytes: state.received, contentType: state.contentType, refreshes: state.refreshes, result: state.current };
    } catch (error) {
      const outcome = outcomes.get(error as object);
      // A retry has to resume, or start over in a sink that can; a stream cannot un-write.
      const resumable = state.received === 0 || state.sink?.restart !== undefined || state.acceptsRanges;
      const delay = outcome && resumable && retry < maxRetries && !signal?.aborted && shouldRetry('read', outcome) ? retryDelay(retry, retryHints.get(error as object)) : undefined;
      if (delay === undefined) {
        await state.sink?.abort(error).catch(() => {});
        throw error;
      }
      options.onRetry?.({ retry: retry + 1, delayMs: delay, receivedBytes: state.received, error: error as DownloadError });
      if (!(await pause(clock, delay, signal))) {
        const stop = aborted(signal, taskId);
        await state.sink?.abort(stop).catch(() => {});
        throw stop;
      }
    }
  }
}

/** One request and its body, under its own controller: the caller's signal and the idle timeout abort it. */
async function attempt(state: DownloadState, idleMs: number): Promise<void> {
  const signal = state.options.signal;
  if (signal?.aborted) throw aborted(signal, state.taskId);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let stalled = false;
  const idle = new IdleGuard(state.clock, idleMs, () => {
    stalled = true;
    controller.abort(new Error(`no data for ${idleMs} ms`));
  });
  const failure = (error: unknown, what: string, expectedBytes?: number): Error => {
    if (signal?.aborted) return aborted(signal, state.taskId);
    if (stalled) {
      const e = new DownloadError(
        `The storage host stalled: nothing received for ${idleMs} ms (idleTimeoutMs) after ${state.received} bytes of the video of task ${state.taskId}`,
        { taskId: state.taskId, receivedBytes: state.received },
      );
      outcomes.set(e, { kind: 'timeout' });
      return e;
    }
    if (error instanceof DownloadError) return error;
    const e = new DownloadError(`${what}: ${messageOf(error)}`, {
      taskId: state.taskId,
      receivedBytes: state.received,
      cause: error,
      ...(expectedBytes !== undefined ? { expectedBytes } : {}),
    });
    if (!isPermanent(error)) outcomes.set(e, { kind: 'network' });
    return e;
  };
  try {
    const answer = await requestVideo(state, { signal: controller.signal, idle, failure });
    idle.touch();
    await readBody(answer, state, { signal: controller.signal, idle, failure });
  } finally {
    idle.stop();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Failures another attempt would meet again: an untrusted certificate, a mis-framed answer. */
function isPermanent(error: unknown): boolean {
  for (let e = error as { code?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(e.code)) return true;
    if (e.name === 'HttpFramingError' && (e as { truncated?: boolean }).truncated !== true) return true;
  }
  return false;
}

/** Waits `ms` on the clock; false when the caller's signal fired first. */
function pause(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, timerDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
