// @ts-check
/**
 * One image-encoding measurement in a fresh process, so RSS and heap figures belong to this
 * case alone. argv: <mode: baseline|vidukit> <file>. Prints one JSON line.
 * Peak extra memory = the kernel's RSS high-water mark after the call minus RSS just before it
 * (modules already loaded, a GC done when --expose-gc is given).
 */
import { readFile } from 'node:fs/promises';

const [mode, file, size] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: encode-child.mjs <make|baseline|vidukit> <file> [size]');
if (mode === 'make') {
  // Writes the test image from here, not from the parent: a child inherits its parent's RSS
  // high-water mark (Linux keeps ru_maxrss across fork and exec), so the parent must stay small.
  const { makePng } = await import('./png.mjs');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, makePng(Number(size)));
  process.exit(0);
}
let encode;
if (mode === 'baseline') {
  encode = async (/** @type {string} */ p) => `data:image/png;base64,${(await readFile(p)).toString('base64')}`;
} else {
  const node = /** @type {any} */ (await import('@vidukit/client/node'));
  if (typeof node.imageFromFile !== 'function') {
    console.log(JSON.stringify({ error: 'imageFromFile is not exported by @vidukit/client/node (yet)' }));
    process.exit(0);
  }
  encode = node.imageFromFile;
}
// Warm the code paths on a tiny file? No: a tiny call would not change the high-water mark
// much, but it would JIT the path; the first real call is what an application pays anyway.
if (global.gc) global.gc();
const before = process.memoryUsage();
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const t0 = performance.now();
let result;
try {
  result = await encode(file);
} catch (err) {
  // A rejection is a result too (imageFromFile refuses files over the providers' base64 limit).
  const ms = performance.now() - t0;
  const peakExtra = process.resourceUsage().maxRSS * 1024 - before.rss;
  console.log(JSON.stringify({ error: String(/** @type {any} */ (err)?.message ?? err).split('\n')[0], ms, peakExtra, slack: Math.max(0, maxRssBefore - before.rss) }));
  process.exit(0);
}
const ms = performance.now() - t0;
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    ms,
    peakExtra: maxRssAfter - before.rss,
    // How far the high-water mark already stood above the starting RSS (error bar of peakExtra).
    slack: Math.max(0, maxRssBefore - before.rss),
    retained: after.rss - before.rss,
    length: typeof result === 'string' ? result.length : -1,
    prefix: typeof result === 'string' ? result.slice(0, 30) : '',
  }),
);
