/**
 * Turns what users hold into spec-valid image strings, checking the providers' documented
 * limits first. Web APIs only (no Node built-ins): runs in browsers and edge runtimes.
 */
// Only the three formats the providers take: the package's main entry would bundle all twenty.
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { WEBP } from 'image-size/types/webp';
import { ImageInputError } from './errors.js';
import { isAllowedUrl } from './net.js';

/**
 * The image limits stated on the providers' pages (spec descriptions of `ImageInput`,
 * `Q1ReferenceRequest.images`, `Q2ProMultiframeRequest.start_image`). A JSON Schema cannot
 * express them, so they are checked here, from the bytes.
 */
export const IMAGE_LIMITS = Object.freeze({
  /** A base64 image, decoded, must be under this many bytes (10 MB). */
  maxBase64DecodedBytes: 10 * 1024 * 1024,
  /** Any image, at most this many bytes (50 MB). */
  maxImageBytes: 50 * 1024 * 1024,
  /** Width and height at least this many pixels. */
  minSidePx: 128,
  /** Aspect ratio (long side / short side) at most 4, i.e. within 1:4..4:1. */
  maxAspectRatio: 4,
});

export type ImageFormat = 'png' | 'jpeg' | 'webp';
const MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const READERS = { png: PNG, jpeg: JPG, webp: WEBP } as const;

export interface ImageInputOptions {
  /** Name used in error messages and issue paths (default `image`). */
  name?: string;
  /** Skip the 128 px minimum (some operations, such as multi-frame start images, do not state it). */
  skipMinSide?: boolean;
}

export interface ImageInfo {
  format: ImageFormat;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

const fail = (name: string, message: string, limit?: number | string | string[]): never => {
  throw new ImageInputError([{ path: name, message, ...(limit !== undefined ? { limit } : {}) }]);
};

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/**
 * The real format from the first bytes: png, jpeg or webp; undefined for anything else.
 *
 * @example
 * ```ts
 * import { sniffImageFormat } from '@vidukit/client';
 *
 * const bytes = new Uint8Array(await (await fetch('https://example.com/cat.png')).arrayBuffer());
 * console.log(sniffImageFormat(bytes)); // 'png', whatever the file name or Content-Type said
 * ```
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return undefined;
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const ascii4 = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/**
 * Why the bytes are not a whole image, or undefined when they are: PNG chunks walked to IEND
 * (with IHDR and an IDAT), JPEG ending with its EOI marker, WebP as long as its RIFF size says.
 * Only the structure is read, never the pixels.
 */
function truncation(b: Uint8Array, format: ImageFormat): string | undefined {
  if (format === 'png') {
    let at = 8;
    let sawData = false;
    for (let chunks = 0; at + 8 <= b.length; chunks++) {
      const length = u32(b, at);
      const type = ascii4(b, at + 4);
      if (chunks === 0 && type !== 'IHDR') return 'the first chunk is not IHDR';
      const end = at + 12 + length;
      if (end > b.length) return `the ${type} chunk runs past the end`;
      if (type === 'IDAT') sawData = true;
      if (type === 'IEND') return sawData ? undefined : 'no image data (IDAT) before IEND';
      at = end;
    }
    return 'no IEND chunk';
  }
  if (format === 'jpeg') {
    let end = b.length;
    while (end > 2 && b[end - 1] === 0) end--; // some writers pad after EOI
    return b[end - 2] === 0xff && b[end - 1] === 0xd9 ? undefined : 'no end-of-image marker';
  }
  const declared = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  return b.length >= declared + 8 ? undefined : `the RIFF header says ${declared + 8} bytes, there are ${b.length}`;
}

function describeUnknown(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head.startsWith('GIF8')) return 'a GIF';
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return 'a BMP';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'an HEIC/AVIF or video file';
  if (head.startsWith('%PDF')) return 'a PDF';
  if (/^\s*</.test(head)) return 'text (HTML or SVG?)';
  return 'not a recognised image';
}

/**
 * Checks bytes against the limits: format (from magic bytes, not the name), size, dimensions
 * (read from the header by `image-size`, no decoding) and aspect ratio.
 *
 * @example
 * ```ts
 * import { inspectImageBytes, ImageInputError } from '@vidukit/client';
 *
 * const bytes = new Uint8Array(await (await fetch('https://example.com/cat.png')).arrayBuffer());
 * try {
 *   const { format, width, height } = inspectImageBytes(bytes, { name: 'images[0]' });
 *   console.log(format, width, height);
 * } catch (error) {
 *   if (error instanceof ImageInputError) console.log(error.issues[0]?.message); // e.g. "is 64x64 px; ..."
 * }
 * ```
 */
export function inspectImageBytes(bytes: Uint8Array, options: ImageInputOptions & { maxBytes?: number } = {}): ImageInfo {
  const name = options.name ?? 'image';
  if (bytes.length === 0) fail(name, 'is empty (0 bytes)');
  const maxBytes = options.maxBytes ?? IMAGE_LIMITS.maxImageBytes;
  if (bytes.length > maxBytes) fail(name, `is ${mb(bytes.length)}; the limit is ${mb(maxBytes)}`, maxBytes);
  const format = sniffImageFormat(bytes);
  if (!format) fail(name, `must be PNG, JPEG or WebP; the bytes are ${describeUnknown(bytes)}`, ['png', 'jpeg', 'webp']);
  const cut = truncation(bytes, format!);
  if (cut) fail(name, `is an incomplete ${format!.toUpperCase()} (truncated: ${cut}); the provider would refuse it`);
  let width: number | undefined;
  let height: number | undefined;
  try {
    // image-size reads through the view's whole buffer: give it exactly the image's bytes.
    const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const reader = READERS[format!];
    if (!reader.validate(exact)) throw new TypeError(`not a valid ${format!.toUpperCase()} header`);
    const size = reader.calculate(exact);
    width = size.width;
    height = size.height;
  } catch (err) {
    fail(name, `looks like ${format!.toUpperCase()} but its header cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!width || !height) fail(name, `looks like ${format!.toUpperCase()} but has no readable width and height`);
  const w = width!;
  const h = height!;
  if (!options.skipMinSide && (w < IMAGE_LIMITS.minSidePx || h < IMAGE_LIMITS.minSidePx)) {
    fail(name, `is ${w}x${h} px; width and height must be at least ${IMAGE_LIMITS.minSidePx} px`, IMAGE_LIMITS.minSidePx);
  }
  const ratio = Math.max(w, h) / Math.min(w, h);
  if (ratio > IMAGE_LIMITS.maxAspectRatio) {
    fail(name, `is ${w}x${h} px (aspect ratio ${ratio.toFixed(2)}:1); it must be within 1:${IMAGE_LIMITS.maxAspectRatio} to ${IMAGE_LIMITS.maxAspectRatio}:1`, `1:${IMAGE_LIMITS.maxAspectRatio}..${IMAGE_LIMITS.maxAspectRatio}:1`);
  }
  return { format: format!, mime: MIME[format!], width: w, height: h, bytes: bytes.length };
}

/** Base64 with Web APIs only, in chunks (no call-stack limits on large images). */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function base64ToBytes(b64: string, name: string): Uint8Array {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) fail(name, 'has a data URL whose base64 part is not valid base64');
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    return fail(name, 'has a data URL whose base64 part is not valid base64');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}


/**
 * Builds `data:<mime>;base64,...` after checking the bytes.
 *
 * @example
 * ```ts
 * import { bytesToDataUrl } from '@vidukit/client';
 *
 * const bytes = new Uint8Array(await (await fetch('https://example.com/cat.png')).arrayBuffer());
 * const image = bytesToDataUrl(bytes); // 'data:image/png;base64,...', limits checked first
 * ```
 */
export function bytesToDataUrl(bytes: Uint8Array, options: ImageInputOptions = {}): string {
  const info = inspectImageBytes(bytes, { ...options, maxBytes: IMAGE_LIMITS.maxBase64DecodedBytes });
  return `data:${info.mime};base64,${bytesToBase64(bytes)}`;
}

/**
 * An image string the API accepts, from:
 * - an `https://` URL (kept as is; `http://` only for loopback hosts): its bytes are not fetched,
 *   so the provider checks its limits;
 * - a `data:image/...;base64,...` URL (decoded and checked, then kept);
 * - bytes (`Uint8Array`, `ArrayBuffer`) or a `Blob`/`File`: format sniffed from the bytes, limits
 *   checked, data URL built.
 * Throws `ImageInputError` (a `ValidationError`) naming the limit that was crossed.
 *
 * @example
 * ```ts
 * import { createViduClient, toImageInput } from '@vidukit/client';
 *
 * // In a browser: a File from <input type="file">; elsewhere a Blob, bytes or a URL.
 * const file = new Blob([await (await fetch('https://example.com/cat.png')).arrayBuffer()]);
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: [await toImageInput(file, { name: 'images[0]' })], prompt: 'A cat yawns' });
 * ```
 */
export async function toImageInput(input: string | Uint8Array | ArrayBuffer | Blob, options: ImageInputOptions = {}): Promise<string> {
  const name = options.name ?? 'image';
  if (typeof input === 'string') {
    const s = input.trim();
    if (/^data:/i.test(s)) {
      const m = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/is.exec(s);
      if (!m) fail(name, 'is a data URL but not `data:image/<png|jpeg|webp>;base64,...`');
      const declared = m![1]!.toLowerCase();
      if (!/^image\/(png|jpe?g|webp)$/.test(declared)) fail(name, `has media type ${declared || '(none)'}; use image/png, image/jpeg or image/webp`, ['image/png', 'image/jpeg', 'image/webp']);
      const bytes = base64ToBytes(m![3]!, name);
      const info = inspectImageBytes(bytes, { ...options, maxBytes: IMAGE_LIMITS.maxBase64DecodedBytes });
      const declaredFormat = declared.replace('image/', '').replace('jpg', 'jpeg');
      if (declaredFormat !== info.format) fail(name, `says ${declared} but the bytes are ${info.format.toUpperCase()}`);
      return s;
    }
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return fail(name, 'is neither a URL nor a data URL (for a file path, use imageFromFile from @vidukit/client/node)');
    }
    if (isAllowedUrl(url)) return s;
    return fail(name, `must be an https URL or a data URL, not ${url.protocol}//`, ['https:', 'data:']);
  }
  let bytes: Uint8Array;
  if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    if (input.size > IMAGE_LIMITS.maxBase64DecodedBytes) fail(name, `is ${mb(input.size)}; the limit for an image sent as base64 is ${mb(IMAGE_LIMITS.maxBase64DecodedBytes)}`, IMAGE_LIMITS.maxBase64DecodedBytes);
    bytes = new Uint8Array(await input.arrayBuffer());
  } else {
    return fail(name, 'must be a URL string, a data URL, a Uint8Array, an ArrayBuffer or a Blob');
  }
  return bytesToDataUrl(bytes, options);
}
