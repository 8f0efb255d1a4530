// @ts-check
/**
 * One download measurement in a fresh process, so its memory figures belong to it alone.
 * argv: <mode: baseline|vidukit> <url> <file>. Prints one JSON line.
 * - baseline: `fetch(url)` piped to a file with `stream.pipeline` (what an application would
 *   write by hand, with none of the checks).
 * - vidukit: `downloadVideo` from `@vidukit/polling/node` (policy, content and length checks,
 *   temp file + rename, fsync).
 * Both first download a 64 KB file the same way (loading undici, which Node 20 loads on the
 * first fetch: ~17 MB of RSS that is not the download's, and warming the code path), then
 * measure. Peak RSS growth is sampled every 2 ms (a child inherits its parent's ru_maxrss on
 * Linux, so the kernel's high-water mark would be the parent's, not ours).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { normalizeTaskResult } from '@vidukit/client';
import { downloadVideo } from '@vidukit/polling/node';

const [mode, url, file] = process.argv.slice(2);
if (!mode || !url || !file) throw new Error('usage: download-child.mjs <baseline|vidukit> <url> <file>');

/** @type {(u: string, f: string) => Promise<number>} */
const download =
  mode === 'baseline'
    ? async (u, f) => {
        const res = await fetch(u);
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const out = createWriteStream(f);
        let bytes = 0;
        const counted = Readable.fromWeb(/** @type {any} */ (res.body));
        counted.on('data', (c) => (bytes += c.length));
        await pipeline(counted, out);
        return bytes;
      }
    : async (u, f) => {
        const result = normalizeTaskResult({ task: { task_id: 'bench-task', status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: u }] });
        return (await downloadVideo(result, f)).bytes;
      };

await download(url.replace(/\/\d+\.mp4$/, '/65536.mp4'), `${file}.warm`);
if (global.gc) global.gc();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
const t0 = performance.now();
const bytes = await download(url, file);
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ mode, bytes, ms, peakGrowth: peak - before }));
