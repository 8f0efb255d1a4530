/**
 * Node-only entry: everything from the main entry plus file helpers.
 *
 * @packageDocumentation
 */
import { open, stat } from 'node:fs/promises';
import { ImageInputError } from './errors.js';
import { IMAGE_LIMITS, inspectImageBytes, type ImageInputOptions } from './images.js';

export * from './index.js';

const fail = (name: string, message: string, limit?: number): never => {
  throw new ImageInputError([{ path: name, message, ...(limit !== undefined ? { limit } : {}) }]);
};

/**
 * Reads an image file into a data URL, checking format (from the bytes), size, dimensions and
 * aspect ratio first. Reads at most the 10 MB limit (+1 byte) whatever the file's size.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { imageFromFile } from '@vidukit/client/node';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const image = await imageFromFile('cat.png'); // checked, then a data URL
 * await client.submitQ1Reference({ images: [image], prompt: 'A cat yawns' });
 * ```
 */
export async function imageFromFile(path: string, options: ImageInputOptions = {}): Promise<string> {
  const name = options.name ?? String(path);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') return fail(name, 'does not exist');
    if (code === 'EACCES' || code === 'EPERM') return fail(name, 'cannot be read (permission denied)');
    return fail(name, `cannot be read (${code ?? String(err)})`);
  }
  if (info.isDirectory()) fail(name, 'is a directory, not an image file');
  if (!info.isFile()) fail(name, 'is not a regular file');
  if (info.size === 0) fail(name, 'is empty (0 bytes)');
  const max = IMAGE_LIMITS.maxBase64DecodedBytes;
  if (info.size > max) fail(name, `is ${(info.size / 1024 / 1024).toFixed(1)} MB; the limit for an image sent as base64 is 10 MB (upload it somewhere and pass its https URL instead)`, max);
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    // One read into one buffer, bounded by the limit even if the file grows meanwhile.
    const buf = Buffer.allocUnsafe(Math.min(info.size, max) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buf.length) break;
    }
    bytes = buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
  const checked = inspectImageBytes(bytes, { ...options, name, maxBytes: max });
  return `data:${checked.mime};base64,${bytes.toString('base64')}`;
}
