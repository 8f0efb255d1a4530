// @ts-check
/** Test images for the image-encoding benchmark. */
import { crc32 } from 'node:zlib';

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A structurally valid PNG of exactly `size` bytes, 1024x768 RGBA, with filler pixel data. @param {number} size */
export function makePng(size) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1024, 0);
  ihdr.writeUInt32BE(768, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const head = Buffer.concat([sig, chunk('IHDR', ihdr)]);
  const iend = chunk('IEND', Buffer.alloc(0));
  const fill = Buffer.alloc(size - head.length - iend.length - 12);
  for (let i = 0; i < fill.length; i++) fill[i] = (i * 2654435761) >>> 24; // cheap non-constant filler
  return Buffer.concat([head, chunk('IDAT', fill), iend]);
}

