/**
 * Local image files -> data URLs, through the client's node helper `imageFromFile` (which
 * sniffs the format and checks the providers' limits). Until a client build without it is
 * gone, a minimal fallback reads the file and sniffs PNG, JPEG or WebP itself.
 */
import { readFile } from 'node:fs/promises';
import * as clientNode from '@vidukit/client/node';

type ImageFromFile = (path: string) => Promise<string>;

function sniff(bytes: Uint8Array): string | undefined {
  const at = (i: number, ...b: number[]) => b.every((v, j) => bytes[i + j] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

async function fallback(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message);
  }
  const mime = sniff(bytes);
  if (!mime) throw new Error('not a PNG, JPEG or WebP image');
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

export async function imageInput(file: string): Promise<string> {
  const fn = (clientNode as unknown as { imageFromFile?: ImageFromFile }).imageFromFile;
  return typeof fn === 'function' ? fn(file) : fallback(file);
}
