/**
 * Node-only entry: everything from the main entry, plus `downloadVideo` to a file path
 * (written to a temp file beside it, then renamed, so a partial file never has the final name).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NormalizedTaskResult } from '@vidukit/client';
import { downloadToSink, writableSink, type DownloadOptions, type DownloadOutcome, type DownloadSink } from './download.js';

export * from './index.js';

function fileSink(destination: string): () => Promise<DownloadSink> {
  return async () => {
    const temp = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.part`);
    const handle = await open(temp, 'wx');
    let closed = false;
    return {
      async write(chunk) {
        let offset = 0;
        while (offset < chunk.byteLength) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
          offset += bytesWritten;
        }
      },
      async close() {
        await handle.sync();
        await handle.close();
        closed = true;
        await rename(temp, destination);
      },
      async abort() {
        if (!closed) await handle.close().catch(() => {});
        await unlink(temp).catch(() => {});
      },
    };
  };
}

/**
 * Streams the video of a succeeded task to a file path (or `file:` URL) or a `WritableStream`,
 * without holding it in memory. A file is written to a temp file in the same directory and
 * renamed into place only when complete and its length checked; on failure or abort the temp
 * file is removed and an existing file at the destination is left untouched.
 */
export function downloadVideo(
  result: NormalizedTaskResult,
  destination: string | URL | WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  if (typeof destination === 'string' || destination instanceof URL) {
    const path = resolve(typeof destination === 'string' ? destination : fileURLToPath(destination));
    return downloadToSink(result, fileSink(path), options);
  }
  return downloadToSink(result, writableSink(destination), options);
}
