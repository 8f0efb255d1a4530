/**
 * Node-only entry: everything from the main entry, plus `downloadVideo` to a file path
 * (written to a temp file beside it, then renamed, so a partial file never has the final name).
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NormalizedTaskResult } from '@vidukit/client';
import { checkResult, writableTarget, type DownloadOptions, type DownloadOutcome } from './download.js';
import { DownloadError } from './errors.js';
import { downloadToSink, type SinkTarget } from './internal/download-core.js';
import { socketTransport } from './internal/node/socket-transport.js';
import { socketsUsable } from './internal/node/transport-choice.js';

export * from './index.js';

/**
 * The temporary name a download to `videoName` writes to before the rename (`.<name>.<12 hex>.part`).
 *
 * @example
 * ```ts
 * import { partialDownloadName } from '@vidukit/polling/node';
 *
 * partialDownloadName('cat.mp4', '0123456789ab'); // '.cat.mp4.0123456789ab.part'
 * ```
 */
export const partialDownloadName = (videoName: string, token: string): string => `.${videoName}.${token}.part`;

/**
 * The video name a leftover temporary download file belongs to, or undefined when it is not one.
 *
 * @example
 * ```ts
 * import { readdirSync } from 'node:fs';
 * import { partialDownloadOf } from '@vidukit/polling/node';
 *
 * // Leftovers of interrupted downloads in the current directory, and the video each was for.
 * for (const name of readdirSync('.')) {
 *   const video = partialDownloadOf(name);
 *   if (video) console.log(`${name} was a download of ${video}`);
 * }
 * ```
 */
export function partialDownloadOf(fileName: string): string | undefined {
  return /^\.(.+)\.[0-9a-f]{12}\.part$/.exec(fileName)?.[1];
}

/** Writes at least this much at a time: fewer system calls than one per network chunk. */
const WRITE_BATCH = 1 << 20;

/** `lent`: chunks are lent by the socket transport and must be written before the next one. */
function fileTarget(destination: string, taskId: string, lent: boolean): SinkTarget {
  const dir = dirname(destination);
  return {
    // Before any request: a destination that cannot be written must not cost a download.
    async check() {
      const d = await stat(dir).catch((error: NodeJS.ErrnoException) => {
        const why = error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`;
        throw new DownloadError(`Cannot save the video of task ${taskId}: the output directory ${dir} ${why}`, { taskId, cause: error });
      });
      if (!d.isDirectory()) throw new DownloadError(`Cannot save the video of task ${taskId}: ${dir} is not a directory`, { taskId });
      const existing = await stat(destination).catch(() => undefined);
      if (existing?.isDirectory()) {
        throw new DownloadError(`Cannot save the video of task ${taskId}: the output ${destination} is a directory; name a file`, { taskId });
      }
    },
    async open() {
      const temp = join(dir, partialDownloadName(basename(destination), randomBytes(6).toString('hex')));
      const handle = await open(temp, 'wx');
      let closed = false;
      let batch: Uint8Array[] = [];
      let batched = 0;
      // Positional writes: a restart truncates, and the descriptor's own offset would not follow.
      let position = 0;
      const writeAll = async (chunks: Uint8Array[], bytes: number) => {
        await handle.writev(chunks, position);
        position += bytes;
      };
      const flush = async () => {
        if (batched === 0) return;
        const chunks = batch;
        const bytes = batched;
        batch = [];
        batched = 0;
        await writeAll(chunks, bytes);
      };
      return {
        async write(chunks) {
          if (lent) {
            let bytes = 0;
            for (const c of chunks) bytes += c.byteLength;
            await writeAll(chunks, bytes);
            return;
          }
          for (const chunk of chunks) {
            batch.push(chunk);
            batched += chunk.byteLength;
          }
          if (batched >= WRITE_BATCH) await flush();
        },
        async restart() {
          batch = [];
          batched = 0;
          position = 0;
          await handle.truncate(0);
        },
        async close() {
          await flush();
          // fdatasync: the data and the size, not timestamps (cheaper than fsync, as durable for a read).
          await handle.datasync();
          await handle.close();
          closed = true;
          await rename(temp, destination);
        },
        async abort() {
          if (!closed) await handle.close().catch(() => {});
          await unlink(temp).catch(() => {});
        },
      };
    },
  };
}

/**
 * Streams the video of a succeeded task to a file path (or `file:` URL) or a `WritableStream`,
 * without holding it in memory. The output directory is checked before anything is fetched.
 * A file is written to a temp file in the same directory and renamed into place only when
 * complete and its length checked; on failure or abort the temp file is removed and an
 * existing file at the destination is left untouched. The same checks as the main entry's
 * `downloadVideo` apply (transport policy, video content, idle timeout). On Node the answer is
 * read over `node:net`/`node:tls` into a fixed 1 MB of buffers the file is written from, so the
 * memory a download takes does not grow with its size (see `fetch` in {@link DownloadOptions}
 * for when it uses fetch instead).
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { waitForTask } from '@vidukit/polling';
 * import { downloadVideo } from '@vidukit/polling/node';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const result = await waitForTask(client, '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f');
 * await downloadVideo(result, 'cat.mp4'); // written to a temp file, renamed when complete
 * ```
 */
export async function downloadVideo(
  result: NormalizedTaskResult,
  destination: string | URL | WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  checkResult(result);
  if (typeof destination === 'string' || destination instanceof URL) {
    if (destination === '') throw new TypeError('downloadVideo: the destination path is empty');
    const path = resolve(typeof destination === 'string' ? destination : fileURLToPath(destination));
    const sockets = socketsUsable(options);
    return downloadToSink(result, fileTarget(path, result.taskId, sockets), options, sockets ? socketTransport : undefined);
  }
  return downloadToSink(result, writableTarget(destination), options);
}
