import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortError, normalizeTaskResult } from '@vidukit/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/manual-clock.js';
import { seededRandom } from '../src/random.js';
import { DownloadError } from '../src/errors.js';
import { downloadVideo } from '../src/node.js';
import { downloadVideo as downloadToStream } from '../src/download-entry.js';
import { waitForTask } from '../src/wait.js';
import { TASK, raw } from './helpers.js';

// An MP4 by its first box (ftyp), then filler: enough for the container check.
const VIDEO = Buffer.alloc(3 * 1024 * 1024 + 17);
for (let i = 0; i < VIDEO.length; i++) VIDEO[i] = (i * 31) % 251;
Buffer.from('000000206674797069736f6d0000020069736f6d69736f32', 'hex').copy(VIDEO);

let server: Server;
let base: string;
/** Tokens the storage host accepts; others get 403 (an expired signed URL). */
const valid = new Set<string>();
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    hits.push(url.pathname + url.search);
    const token = url.searchParams.get('token') ?? '';
    if (url.pathname === '/gone.mp4') {
      res.writeHead(404).end();
      return;
    }
    if (!valid.has(token)) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    if (url.pathname === '/short.mp4') {
      // Announces more than it sends, then closes the connection.
      res.writeHead(200, { 'content-length': String(VIDEO.length), 'content-type': 'video/mp4' });
      res.write(VIDEO.subarray(0, 1000), () => res.destroy());
      return;
    }
    if (url.pathname === '/slow.mp4') {
      res.writeHead(200, { 'content-length': String(VIDEO.length), 'content-type': 'video/mp4' });
      res.write(VIDEO.subarray(0, 64 * 1024)); // then stalls
      return;
    }
    res.writeHead(200, { 'content-length': String(VIDEO.length), 'content-type': 'video/mp4' });
    res.end(VIDEO);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidukit-polling-'));
  hits.length = 0;
  valid.clear();
  return () => rm(dir, { recursive: true, force: true });
});

/** A client whose task result hands out a fresh signed URL on each read. */
function refreshingClient(path = '/v.mp4') {
  let n = 0;
  const client = {
    reads: 0,
    async getTaskResult() {
      client.reads++;
      const token = `fresh${++n}`;
      valid.add(token);
      return raw('TASK_STATUS_SUCCEED', { videoUrl: `${base}${path}?token=${token}`, ttl: '3600' });
    },
  };
  return client;
}

const succeeded = (url: string, ttl = '3600', at = new Date()) => normalizeTaskResult(raw('TASK_STATUS_SUCCEED', { videoUrl: url, ttl }), at);

describe('downloadVideo to a file (node entry)', () => {
  it('streams the whole file, reports progress and leaves no temp file', async () => {
    valid.add('ok');
    const dest = join(dir, 'out.mp4');
    const progress: number[] = [];
    const out = await downloadVideo(succeeded(`${base}/v.mp4?token=ok`), dest, { onProgress: (p) => progress.push(p.receivedBytes) });
    expect(out).toMatchObject({ bytes: VIDEO.length, contentType: 'video/mp4', refreshes: 0 });
    expect((await readFile(dest)).equals(VIDEO)).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(VIDEO.length);
    expect(await readdir(dir)).toEqual(['out.mp4']);
  });

  it('on a 403 from the storage host reads the task again and downloads the fresh URL', async () => {
    const client = refreshingClient();
    const dest = join(dir, 'out.mp4');
    const out = await downloadVideo(succeeded(`${base}/v.mp4?token=expired`), dest, { client });
    expect(out.refreshes).toBe(1);
    expect(client.reads).toBe(1);
    expect(hits).toEqual(['/v.mp4?token=expired', '/v.mp4?token=fresh1']);
    expect((await readFile(dest)).equals(VIDEO)).toBe(true);
  });

  it('refreshes before fetching when the TTL has passed (no request to the stale URL)', async () => {
    const client = refreshingClient();
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const old = succeeded(`${base}/v.mp4?token=stale`, '60', new Date(clock.now() - 120_000));
    const out = await downloadVideo(old, join(dir, 'out.mp4'), { client, clock });
    expect(out.refreshes).toBe(1);
    expect(hits).toEqual(['/v.mp4?token=fresh1']);
    expect(out.result.videos[0]!.expiresAt!.getTime()).toBe(clock.now() + 3_600_000);
  });

  it('a result from waitForTask knows its client: refresh works without passing it', async () => {
    const client = refreshingClient();
    const clock = new ManualClock(0);
    const result = await clock.run(waitForTask(client, TASK, { clock, random: seededRandom(1) }));
    valid.clear(); // every URL handed out so far has expired
    const out = await downloadVideo(result, join(dir, 'out.mp4'));
    expect(out.refreshes).toBe(1);
    expect(client.reads).toBe(2);
  });

  it('refreshes a 404 too, and gives up after maxRefreshes', async () => {
    const client = { reads: 0, async getTaskResult() { client.reads++; return raw('TASK_STATUS_SUCCEED', { videoUrl: `${base}/gone.mp4` }); } };
    const error = await downloadVideo(succeeded(`${base}/gone.mp4`), join(dir, 'out.mp4'), { client, maxRefreshes: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ status: 404, taskId: TASK });
    expect(client.reads).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('without a known client an expired URL is a clear error', async () => {
    const error = await downloadVideo(succeeded(`${base}/v.mp4?token=expired`), join(dir, 'out.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/pass \{ client \}/);
  });

  it('a short body fails, leaves no partial file and keeps an existing destination', async () => {
    valid.add('ok');
    const dest = join(dir, 'out.mp4');
    await writeFile(dest, 'previous');
    const error = await downloadVideo(succeeded(`${base}/short.mp4?token=ok`), dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ taskId: TASK, expectedBytes: VIDEO.length });
    expect(await readFile(dest, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['out.mp4']);
  });

  it('an abort mid-stream stops at once and removes the temp file', async () => {
    valid.add('ok');
    const controller = new AbortController();
    const promise = downloadVideo(succeeded(`${base}/slow.mp4?token=ok`), join(dir, 'out.mp4'), {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ taskId: TASK, cause: { message: 'stop' } });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('downloadVideo to a WritableStream (main entry)', () => {
  it('writes every chunk with backpressure and closes the stream', async () => {
    valid.add('ok');
    const chunks: Uint8Array[] = [];
    let closed = false;
    const stream = new WritableStream<Uint8Array>(
      {
        write: async (c) => {
          await new Promise((r) => setTimeout(r, 0));
          chunks.push(c);
        },
        close: () => {
          closed = true;
        },
      },
      { highWaterMark: 1 },
    );
    const out = await downloadToStream(succeeded(`${base}/v.mp4?token=ok`), stream);
    expect(out.bytes).toBe(VIDEO.length);
    expect(Buffer.concat(chunks).equals(VIDEO)).toBe(true);
    expect(closed).toBe(true);
  });

  it('checks the received length against Content-Length and aborts the stream', async () => {
    let aborted: unknown;
    const stream = new WritableStream<Uint8Array>({
      abort: (r) => {
        aborted = r;
      },
    });
    const fakeFetch = async () => new Response(VIDEO.subarray(0, 16), { headers: { 'content-length': '20' } });
    const error = await downloadToStream(succeeded('https://cdn.example/v.mp4'), stream, { fetch: fakeFetch as typeof fetch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DownloadError', receivedBytes: 16, expectedBytes: 20 });
    expect(aborted).toBe(error);
  });

  it('refuses a result without a video', async () => {
    const failed = normalizeTaskResult(raw('TASK_STATUS_SUCCEED'));
    failed.videos.length = 0;
    await expect(downloadToStream(failed, new WritableStream())).rejects.toThrow(/no video/);
  });
});
