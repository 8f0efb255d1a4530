/**
 * A download that fails on the way retries under the client's retry policy: it resumes with a
 * Range where the host serves ranges, starts a file over where it does not, waits out
 * Retry-After, and does not retry what another attempt would meet again. Real servers on
 * 127.0.0.1; the socket reader (file paths) and fetch (streams) both.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortError, normalizeTaskResult } from '@vidukit/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadVideo as downloadToStream } from '../src/download-entry.js';
import type { DownloadRetry } from '../src/download.js';
import { DownloadError } from '../src/errors.js';
import { downloadVideo } from '../src/node.js';
import { patterned } from './patterned.js';

const VIDEO = patterned(1_500_000);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const result = (url: string) => normalizeTaskResult({ task: { task_id: 'task-retry', status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: url }] });

interface Seen {
  range: string | undefined;
}
type Answer = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let dir: string;
let server: Server | undefined;
let seen: Seen[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidukit-retry-'));
  seen = [];
});
afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function host(answer: Answer): Promise<string> {
  server = createServer((req, res) => {
    seen.push({ range: req.headers.range });
    answer(req, res, seen.length);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v.mp4`;
}

/** Sends `from`.. of the video (a 206 for a Range when `ranges`), cutting the connection after `cutAt` bytes of the video. */
function serveVideo(res: ServerResponse, req: IncomingMessage, o: { ranges: boolean; cutAt?: number }) {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const from = o.ranges && m ? Number(m[1]) : 0;
  const headers: Record<string, string | number> = { 'content-type': 'video/mp4', 'content-length': VIDEO.length - from };
  if (o.ranges) headers['accept-ranges'] = 'bytes';
  if (from > 0) headers['content-range'] = `bytes ${from}-${VIDEO.length - 1}/${VIDEO.length}`;
  res.writeHead(from > 0 ? 206 : 200, headers);
  if (o.cutAt === undefined) return void res.end(VIDEO.subarray(from));
  res.write(VIDEO.subarray(from, o.cutAt), () => setTimeout(() => res.socket?.destroy(), 20));
}

describe('downloadVideo retries what a retry can fix', () => {
  it('a connection cut mid-body resumes with a Range from the byte it stopped at (file, socket reader)', async () => {
    const url = await host((req, res, n) => serveVideo(res, req, { ranges: true, ...(n === 1 ? { cutAt: 600_000 } : {}) }));
    const retries: DownloadRetry[] = [];
    const out = join(dir, 'v.mp4');
    const d = await downloadVideo(result(url), out, { onRetry: (r) => retries.push(r) });
    expect(sha(await readFile(out))).toBe(sha(VIDEO));
    expect(d.bytes).toBe(VIDEO.length);
    expect(seen.map((s) => s.range)).toEqual([undefined, 'bytes=600000-']);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ retry: 1, receivedBytes: 600_000 });
    expect(retries[0]!.error).toBeInstanceOf(DownloadError);
    expect(retries[0]!.error.taskId).toBe('task-retry');
  });

  it('the same through fetch into a WritableStream', async () => {
    const url = await host((req, res, n) => serveVideo(res, req, { ranges: true, ...(n === 1 ? { cutAt: 400_000 } : {}) }));
    const chunks: Uint8Array[] = [];
    await downloadToStream(result(url), new WritableStream({ write: (c) => void chunks.push(c.slice()) }));
    expect(sha(Buffer.concat(chunks))).toBe(sha(VIDEO));
    expect(seen.map((s) => s.range)).toEqual([undefined, 'bytes=400000-']);
  });

  it('a host that ignores ranges: the file starts over and ends right', async () => {
    const url = await host((req, res, n) => serveVideo(res, req, { ranges: false, ...(n === 1 ? { cutAt: 700_000 } : {}) }));
    const out = join(dir, 'v.mp4');
    await downloadVideo(result(url), out);
    expect(sha(await readFile(out))).toBe(sha(VIDEO));
    expect(seen).toHaveLength(2);
  });

  it('a stream cannot start over: without ranges the cut is the error, after one request', async () => {
    const url = await host((req, res) => serveVideo(res, req, { ranges: false, cutAt: 700_000 }));
    const error = await downloadToStream(result(url), new WritableStream()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(seen).toHaveLength(1);
  });

  it('429 and 503 are waited out (Retry-After) and retried; the answer that finally comes is saved', async () => {
    const url = await host((req, res, n) => {
      if (n === 1) return void res.writeHead(429, { 'retry-after': '0' }).end();
      if (n === 2) return void res.writeHead(503).end('busy');
      serveVideo(res, req, { ranges: true });
    });
    const retries: DownloadRetry[] = [];
    await downloadVideo(result(url), join(dir, 'v.mp4'), { onRetry: (r) => retries.push(r) });
    expect(retries.map((r) => [r.error.status, r.delayMs === 0 || r.retry === 2])).toEqual([
      [429, true],
      [503, true],
    ]);
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries with the last failure; maxRetries 0 makes one request', async () => {
    const url = await host((_req, res) => void res.writeHead(502).end());
    const error = await downloadVideo(result(url), join(dir, 'v.mp4'), { maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).status).toBe(502);
    expect(seen).toHaveLength(3);
    seen.length = 0;
    await expect(downloadVideo(result(url), join(dir, 'v.mp4'), { maxRetries: 0 })).rejects.toBeInstanceOf(DownloadError);
    expect(seen).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not retry what would fail again: 400, a page that is not a video', async () => {
    const url = await host((_req, res, n) => {
      if (n === 1) return void res.writeHead(400).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    });
    await expect(downloadVideo(result(url), join(dir, 'a.mp4'))).rejects.toThrow(/HTTP 400/);
    await expect(downloadVideo(result(url), join(dir, 'b.mp4'))).rejects.toThrow(/not a video/);
    expect(seen).toHaveLength(2);
  });

  it('an abort during the wait before a retry stops at once: AbortError, no file', async () => {
    const url = await host((_req, res) => void res.writeHead(503, { 'retry-after': '30' }).end());
    const controller = new AbortController();
    const pending = downloadVideo(result(url), join(dir, 'v.mp4'), { signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 10) });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a bad maxRetries before any request', async () => {
    const url = await host((req, res) => serveVideo(res, req, { ranges: true }));
    await expect(downloadVideo(result(url), join(dir, 'v.mp4'), { maxRetries: -1 })).rejects.toThrow(/maxRetries must be a whole number >= 0/);
    await expect(downloadVideo(result(url), join(dir, 'v.mp4'), { maxRetries: 1.5 })).rejects.toThrow(RangeError);
    expect(seen).toHaveLength(0);
  });
});

describe('downloadVideo bounds what a host may send (maxBytes)', () => {
  it('refuses an announced length over the bound before writing anything, and a body that runs over it', async () => {
    const url = await host((req, res, n) => {
      if (n === 1) return serveVideo(res, req, { ranges: true });
      // No length announced: the bound is met while streaming.
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(VIDEO);
    });
    const announced = await downloadVideo(result(url), join(dir, 'a.mp4'), { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(announced).toBeInstanceOf(DownloadError);
    expect((announced as Error).message).toMatch(/task-retry is larger than maxBytes \(1000000 bytes\): the storage host announced 1500000/);
    const sent = await downloadVideo(result(url), join(dir, 'b.mp4'), { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect((sent as Error).message).toMatch(/larger than maxBytes \(1000000 bytes\): the storage host sent 1\d{6}/);
    expect(seen).toHaveLength(2);
    expect(await readdir(dir)).toEqual([]);
    await expect(downloadVideo(result(url), join(dir, 'c.mp4'), { maxBytes: 0 })).rejects.toThrow(/maxBytes must be a positive number/);
  });
});
