import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context.js';
import { countFault, downloadFault, drawFault, isLate } from './faults.js';
import { count, cutShort, drain, drip, send, stallMidBody } from './reply.js';

export const FILE_PATH = /^\/files\/([A-Za-z0-9_-]+)\.mp4$/;

/** `GET`/`HEAD /files/<token>.mp4`: the task's video, like a signed storage URL (no key, expires). */
export async function download(ctx: SimContext, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  ctx.counts.requests.downloadVideo++;
  await drain(req);
  const fault = drawFault(ctx, 'download');
  if (fault && !isLate(fault)) return downloadFault(ctx, res, fault);

  const entry = ctx.files.get(token);
  const text = { 'Content-Type': 'text/plain' };
  if (!entry) return send(ctx, res, 404, 'Not Found', text);
  if (ctx.opts.clock() >= entry.expiresAt) {
    return send(ctx, res, 403, 'Request has expired: read the task result again for a fresh URL', text);
  }

  const video = await ctx.videos.get(entry.format);
  const size = video.length;
  const headers: Record<string, string> = { 'Content-Type': 'video/mp4', 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=0' };
  let status = 200;
  let start = 0;
  let end = size - 1;
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') return send(ctx, res, 416, '', { 'Content-Range': `bytes */${size}` });
  if (range) {
    status = 206;
    [start, end] = range;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  const chunk = video.subarray(start, end + 1);
  headers['Content-Length'] = String(chunk.length);
  if (req.method !== 'HEAD' && (fault === 'malformedJson' || fault === 'slowDrip' || fault === 'stalledDownload')) {
    countFault(ctx, 'download', fault);
    // A truncated download: the full length is announced, half is sent, then the socket closes.
    if (fault === 'malformedJson') return cutShort(ctx, res, status, chunk, headers);
    if (fault === 'slowDrip') return drip(ctx, res, status, chunk, headers, ctx.opts.slowDripMs);
    return stallMidBody(ctx, res, status, chunk, headers);
  }
  count(ctx, status);
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : chunk);
}

/** One `bytes=` range (first, last inclusive); a multi-range header gets the whole file. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}
