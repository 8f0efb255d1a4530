#!/usr/bin/env node
// Writes example-subject.png: a 320x320 RGB PNG (a sky gradient, a green field and a yellow
// figure), encoded by hand with node:zlib so it needs nothing installed. Run once:
//   node packages/cli/assets/make-example-subject.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const W = 320;
const H = 320;

function crc(buf) {
  // node:zlib has crc32 from Node 20.15 / 22.2; fall back to a table otherwise.
  if (typeof crc32 === 'function') return crc32(buf) >>> 0;
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
}

const raw = Buffer.alloc((W * 3 + 1) * H);
for (let y = 0; y < H; y++) {
  const row = y * (W * 3 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < W; x++) {
    let r, g, b;
    if (y < H * 0.62) {
      const t = y / (H * 0.62);
      [r, g, b] = [Math.round(90 + 150 * t), Math.round(150 + 70 * t), Math.round(235 - 60 * t)];
    } else {
      const t = (y - H * 0.62) / (H * 0.38);
      [r, g, b] = [Math.round(60 - 30 * t), Math.round(150 - 50 * t), Math.round(50 - 20 * t)];
    }
    // A sun in the upper right.
    if ((x - 250) ** 2 + (y - 60) ** 2 < 30 ** 2) [r, g, b] = [255, 214, 80];
    // A figure: a round head and a body.
    if ((x - 160) ** 2 + (y - 130) ** 2 < 26 ** 2) [r, g, b] = [240, 190, 150];
    if (Math.abs(x - 160) < 30 - (y - 160) * -0.15 && y >= 158 && y < 250) [r, g, b] = [235, 180, 30];
    const p = row + 1 + x * 3;
    raw[p] = r;
    raw[p + 1] = g;
    raw[p + 2] = b;
  }
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 2; // colour type: RGB
ihdr[10] = 0;
ihdr[11] = 0;
ihdr[12] = 0;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./example-subject.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${W}x${H}, ${png.length} bytes)`);
