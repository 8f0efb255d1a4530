/**
 * One attempt's body: refuse what is not a video, pick up where the last attempt stopped (a 206
 * for our Range, or the whole video again into a sink that can restart), stream into the sink
 * (opened on the first video bytes), check the length.
 */
import { printable } from '@vidukit/client';
import { DownloadError } from '../errors.js';
import type { AttemptContext, DownloadState } from './download-core.js';
import { outcomes } from './download-failure.js';
import type { ChunkSource, VideoAnswer } from './video-answer.js';
import { isVideoContentType, mediaType, SNIFF_BYTES, videoContainer } from './video-sniff.js';

const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

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

/** `Content-Range: bytes <first>-<last>/<total or *>`. */
function contentRange(value: string | null): { start: number; total: number | undefined } | undefined {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)$/.exec(value?.trim() ?? '');
  if (!m || Number(m[2]) < Number(m[1])) return undefined;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

/** Where this answer's bytes go in the video, and the video's length when known. */
async function placement(answer: VideoAnswer, state: DownloadState, declared: number | undefined, encoded: boolean): Promise<{ start: number; total: number | undefined }> {
  const fresh = { start: 0, total: encoded ? undefined : declared };
  if (state.received === 0) return fresh;
  const range = answer.status === 206 && !encoded ? contentRange(answer.header('content-range')) : undefined;
  if (range && range.start === state.received) {
    return { start: range.start, total: range.total ?? (declared !== undefined ? range.start + declared : undefined) };
  }
  if (answer.status !== 206 && state.sink?.restart) {
    // The host sends the whole video again (it ignores ranges): start the file over.
    await state.sink.restart();
    state.received = 0;
    return fresh;
  }
  throw new DownloadError(
    `The download of the video of task ${state.taskId} was interrupted after ${state.received} bytes, and the storage host cannot resume it ` +
      `(HTTP ${answer.status}${range ? `, range from ${range.start}` : ''}) into a destination that cannot start over`,
    { taskId: state.taskId, status: answer.status, receivedBytes: state.received },
  );
}

export async function readBody(answer: VideoAnswer, state: DownloadState, c: AttemptContext): Promise<void> {
  const { taskId, options } = state;
  const status = answer.status;
  const contentType = answer.header('content-type');
  const body = answer.body;
  try {
    if (!isVideoContentType(contentType)) {
      throw new DownloadError(`The storage host answered ${status} with ${printable(mediaType(contentType))}, not a video, for task ${taskId}`, { taskId, status });
    }
    if (!body) throw new DownloadError(`The storage host sent no body for the video of task ${taskId}`, { taskId, status });
    if (answer.header('accept-ranges')?.trim().toLowerCase() === 'bytes') state.acceptsRanges = true;
    const encoding = answer.header('content-encoding')?.trim().toLowerCase();
    const lengthHeader = answer.header('content-length');
    const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : undefined;
    // With a content-encoding, the body is decoded and Content-Length counts the encoded bytes.
    const { start, total } = await placement(answer, state, declared, encoding !== undefined && encoding !== 'identity');
    const lengths = total !== undefined ? { expectedBytes: total } : {};
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const tooLarge = (bytes: number) =>
      new DownloadError(`The video of task ${taskId} is larger than maxBytes (${maxBytes} bytes): the storage host ${total !== undefined ? `announced ${total}` : `sent ${bytes}`}`, {
        taskId,
        receivedBytes: state.received,
        ...lengths,
      });
    if (total !== undefined && total > maxBytes) throw tooLarge(total);

    const put = async (chunks: Uint8Array[]): Promise<void> => {
      let n = 0;
      for (const chunk of chunks) n += chunk.byteLength;
      if (state.received + n > maxBytes) throw tooLarge(state.received + n);
      if (total !== undefined && state.received + n > total) {
        throw new DownloadError(`Received more bytes than the ${total} announced for the video of task ${taskId}`, { taskId, receivedBytes: state.received + n, ...lengths });
      }
      try {
        await state.sink!.write(chunks);
      } catch (error) {
        throw new DownloadError(`Cannot save the video of task ${taskId}: ${printable((error as Error)?.message ?? String(error), 300)}`, { taskId, cause: error });
      }
      state.received += n;
      options.onProgress?.({ receivedBytes: state.received, totalBytes: total ?? (start === 0 ? declared : undefined) });
    };

    let done = false;
    if (start === 0) {
      let head: Awaited<ReturnType<typeof readHead>>;
      try {
        head = await readHead(body, SNIFF_BYTES);
      } catch (error) {
        throw c.failure(error, `Downloading the video of task ${taskId} failed`, total);
      }
      c.idle.touch();
      if (head.bytes === 0) {
        throw new DownloadError(`The storage host sent an empty body (HTTP ${status}) for the video of task ${taskId}`, { taskId, status, ...lengths });
      }
      if (!videoContainer(concatHead(head.chunks, SNIFF_BYTES))) {
        throw new DownloadError(
          `The storage host answered ${status} with bytes that are not a video container (MP4, MOV, WebM, ...) for task ${taskId}` +
            (head.done ? ` (${head.bytes} bytes in all)` : ''),
          { taskId, status, receivedBytes: head.bytes },
        );
      }
      try {
        state.sink ??= await state.target.open();
      } catch (error) {
        throw new DownloadError(`Cannot save the video of task ${taskId}: ${(error as Error)?.message ?? String(error)}`, { taskId, cause: error });
      }
      state.contentType = contentType ?? undefined;
      await put(head.chunks);
      done = head.done;
    }
    while (!done) {
      let next: Uint8Array[] | undefined;
      try {
        next = await body.read();
      } catch (error) {
        throw c.failure(error, `Downloading the video of task ${taskId} failed after ${state.received} bytes`, total);
      }
      c.idle.touch();
      if (c.signal.aborted) throw c.failure(undefined, '');
      if (next === undefined) done = true;
      else await put(next);
    }
    if (total !== undefined && state.received !== total) {
      const e = new DownloadError(`The video of task ${taskId} is truncated: ${state.received} of ${total} bytes`, { taskId, receivedBytes: state.received, expectedBytes: total });
      outcomes.set(e, { kind: 'network' });
      throw e;
    }
  } catch (error) {
    await body?.cancel();
    throw c.failure(error, `Downloading the video of task ${taskId} failed after ${state.received} bytes`);
  }
}
