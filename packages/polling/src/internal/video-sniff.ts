/**
 * Is this a video? A storage host that answers 200 with its login page (text/html), an XML
 * error or JSON must not be saved as the .mp4 and reported as success. Two checks: the declared
 * content type, and the container signature of the first bytes.
 */

/** Content types a video may come with: video/*, and what object stores send for any file. */
const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/mp4', 'application/x-matroska']);

/** The media type of a Content-Type header ("video/mp4; codecs=..." -> "video/mp4"), lower case. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** True when the declared type may be a video (a missing type is judged by the bytes alone). */
export function isVideoContentType(contentType: string | null): boolean {
  const type = mediaType(contentType);
  return type === '' || type.startsWith('video/') || GENERIC_TYPES.has(type);
}

/** Bytes needed to recognise every container below. */
export const SNIFF_BYTES = 12;

/** ISO base media (MP4, MOV, 3GP) top-level boxes a file may start with. */
const ISO_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'styp']);

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** The container the first bytes belong to, or undefined when they are not a known video container. */
export function videoContainer(head: Uint8Array): string | undefined {
  if (head.length < SNIFF_BYTES) return undefined;
  if (ISO_BOXES.has(ascii(head, 4, 8))) return 'mp4';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return 'avi';
  if (ascii(head, 0, 3) === 'FLV') return 'flv';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  return undefined;
}
