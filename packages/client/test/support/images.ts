// Tiny image headers (enough for format sniffing and dimension reading; no pixel data).
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16be = (n: number) => [(n >>> 8) & 255, n & 255];
const u24le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A structurally complete PNG (IHDR, one IDAT, IEND; CRCs not checked), `padTo` bytes long at least. */
export function png(width: number, height: number, padTo = 0): Uint8Array {
  const chunk = (type: string, length: number, data: number[] = []) => [...u32be(length), ...ascii(type), ...data, ...new Array(length - data.length).fill(0), 0, 0, 0, 0];
  const head = [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', 13, [...u32be(width), ...u32be(height), 8, 6, 0, 0, 0])];
  const iend = chunk('IEND', 0);
  const idatLength = Math.max(1, padTo - head.length - iend.length - 12);
  const out = new Uint8Array(head.length + 12 + idatLength + iend.length);
  out.set(head);
  out.set([...u32be(idatLength), ...ascii('IDAT')], head.length);
  out.set(iend, out.length - iend.length);
  return out;
}

export function jpeg(width: number, height: number): Uint8Array {
  // SOI, APP0 (JFIF), SOF0 with the size.
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

export function webp(width: number, height: number): Uint8Array {
  const vp8x = [...ascii('VP8X'), ...[10, 0, 0, 0], 0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)];
  const body = [...ascii('WEBP'), ...vp8x];
  return new Uint8Array([...ascii('RIFF'), ...[body.length & 255, (body.length >> 8) & 255, 0, 0], ...body]);
}

export const gif = () => new Uint8Array([...ascii('GIF89a'), 200, 0, 200, 0, 0, 0, 0]);
