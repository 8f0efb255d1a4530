/**
 * Issue 14 R2, R3, P4, P5, P6: what a download must refuse, each against a real storage host on
 * 127.0.0.1. Nothing refused may leave a file (final or temp) behind.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { normalizeTaskResult } from '@vidukit/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../src/errors.js';
import { downloadVideo as downloadToStream } from '../src/download-entry.js';
import { downloadVideo } from '../src/node.js';
import { raw, TASK } from './helpers.js';
import { startLoopback, type Loopback } from './loopback.js';

const MP4 = Buffer.concat([Buffer.from('000000206674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(64 * 1024, 7)]);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4096, 1)]);

let storage: Loopback;
let dir: string;
beforeAll(async () => {
  storage = await startLoopback();
});
afterAll(() => storage.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidukit-dl-'));
  return () => rm(dir, { recursive: true, force: true });
});

const result = (url: string) => normalizeTaskResult(raw('TASK_STATUS_SUCCEED', { videoUrl: url }));
const settle = <T>(p: Promise<T>) => p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
/** Settles or says 'pending' after `ms` of real time (a hang detector, not a speed assert). */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([settle(p), new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))]);

async function expectRefused(p: Promise<unknown>, message: RegExp): Promise<DownloadError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DownloadError);
  expect(e).toMatchObject({ taskId: TASK });
  expect((e as Error).message).toMatch(message);
  expect(await readdir(dir)).toEqual([]);
  return e as DownloadError;
}

/** A fetch that records every URL asked for, then uses the real one. */
function recordingFetch() {
  const urls: string[] = [];
  const f = ((input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input));
    return fetch(input, init);
  }) as typeof fetch;
  return { urls, fetch: f };
}

describe('R2: a storage host that stalls', () => {
  it('mid-body: DownloadError after idleTimeoutMs, no file left', async () => {
    storage.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(MP4.length * 4) });
      res.write(MP4); // then nothing, connection kept open
    });
    const r = await within(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4'), { idleTimeoutMs: 300 }), 10_000);
    expect(r).not.toBe('pending');
    await expectRefused(Promise.reject((r as { e: unknown }).e), /stalled.*300 ms/);
  });

  it('before its headers: DownloadError too', async () => {
    storage.handle(() => {
      /* never answers */
    });
    const r = await within(downloadToStream(result(`${storage.url}/v.mp4`), new WritableStream(), { idleTimeoutMs: 300 }), 10_000);
    expect(r).toMatchObject({ ok: false, e: { name: 'DownloadError', taskId: TASK } });
  });

  it('a slow but steady host is not cut off (the timeout is per silence, not per download)', async () => {
    storage.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      let n = 0;
      const t = setInterval(() => {
        res.write(MP4.subarray(n * 8192, (n + 1) * 8192));
        if (++n * 8192 >= MP4.length) {
          clearInterval(t);
          res.end();
        }
      }, 40);
    });
    const out = await downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4'), { idleTimeoutMs: 200 });
    expect(out.bytes).toBe(MP4.length);
  });
});

describe('R3: a file path given to the main entry', () => {
  it('says to pass a WritableStream or import @vidukit/polling/node, before any request', async () => {
    const before = storage.count;
    const e = await downloadToStream(result(`${storage.url}/v.mp4`), 'file.mp4' as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(/WritableStream/);
    expect((e as Error).message).toMatch(/@vidukit\/polling\/node/);
    expect(storage.count).toBe(before);
  });
});

describe('P4: transport policy (https; http only on loopback; every redirect)', () => {
  it('a data: URL is refused, never written as the video', async () => {
    const { urls, fetch: f } = recordingFetch();
    await expectRefused(downloadVideo(result(`data:video/mp4;base64,${MP4.subarray(0, 64).toString('base64')}`), join(dir, 'out.mp4'), { fetch: f }), /refused.*data:/);
    expect(urls).toEqual([]);
  });

  it('plain http to a host that is not loopback is refused before any request', async () => {
    const { urls, fetch: f } = recordingFetch();
    await expectRefused(downloadVideo(result('http://storage.example.com/v.mp4?sig=secret'), join(dir, 'out.mp4'), { fetch: f }), /refused.*http:\/\/storage\.example\.com/);
    expect(urls).toEqual([]);
  });

  it.each([
    ['plain http elsewhere', 'http://storage.example.com/v.mp4'],
    ['a data: URL', 'data:video/mp4;base64,AAAA'],
    ['a file: URL', 'file:///etc/passwd'],
  ])('a redirect to %s is refused and not followed', async (_name, location) => {
    storage.handle((_req, res) => void res.writeHead(302, { location }).end());
    const { urls, fetch: f } = recordingFetch();
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4'), { fetch: f }), /refused/);
    expect(urls).toEqual([`${storage.url}/v.mp4`]);
  });

  it('a redirect within the policy is followed', async () => {
    storage.handle((req, res) => {
      if (req.url === '/v.mp4') return void res.writeHead(307, { location: '/real.mp4' }).end();
      res.writeHead(200, { 'content-type': 'video/mp4' }).end(MP4);
    });
    const out = await downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4'));
    expect(out.bytes).toBe(MP4.length);
  });

  it('the signed query of a refused URL is not in the message', async () => {
    const e = await expectRefused(downloadVideo(result('http://storage.example.com/v.mp4?sig=SECRET123'), join(dir, 'out.mp4')), /refused/);
    expect(e.message).not.toContain('SECRET123');
  });
});

describe('P5: a 200 that is not a video', () => {
  it.each([
    ['a text/html login page', 'text/html; charset=utf-8', Buffer.from('<!doctype html><html><body>Sign in</body></html>')],
    ['an XML error', 'application/xml', Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>')],
    ['JSON', 'application/json', Buffer.from('{"error":"expired"}')],
  ])('%s is refused by its content type', async (_name, type, body) => {
    storage.handle((_req, res) => void res.writeHead(200, { 'content-type': type }).end(body));
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /not a video/);
  });

  it.each([
    ['HTML labelled octet-stream', 'application/octet-stream', Buffer.from('<!doctype html><html><body>Sign in</body></html>')],
    ['JSON labelled video/mp4', 'video/mp4', Buffer.from('{"error":"this is not a video at all"}')],
    ['PNG labelled video/mp4', 'video/mp4', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
  ])('%s is refused by its first bytes', async (_name, type, body) => {
    storage.handle((_req, res) => void res.writeHead(200, { 'content-type': type }).end(body));
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /not a video container/);
  });

  it('WebM, and MP4 without a content type, are accepted', async () => {
    storage.handle((req, res) => (req.url === '/v.webm' ? void res.writeHead(200, { 'content-type': 'video/webm' }).end(WEBM) : void res.writeHead(200).end(MP4)));
    expect((await downloadVideo(result(`${storage.url}/v.webm`), join(dir, 'a.webm'))).bytes).toBe(WEBM.length);
    expect((await downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'b.mp4'))).bytes).toBe(MP4.length);
  });
});

describe('P6: empty and truncated bodies, bad destinations', () => {
  it.each([
    ['ended (no body at all)', (res: import('node:http').ServerResponse) => res.end()],
    ['reset', (res: import('node:http').ServerResponse) => setTimeout(() => res.destroy(), 20)],
  ])('a gzip-encoded 200 %s right after its headers is an error, not a 0-byte success', async (_name, close) => {
    storage.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip' });
      res.flushHeaders();
      close(res);
    });
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /./);
  });

  it('a gzip-encoded 200 with an empty gzip stream is an error', async () => {
    storage.handle((_req, res) => void res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(0))));
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /empty/);
  });

  it('a gzip-encoded video is decoded and saved', async () => {
    storage.handle((_req, res) => void res.writeHead(200, { 'content-type': 'video/mp4', 'content-encoding': 'gzip' }).end(gzipSync(MP4)));
    expect((await downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4'))).bytes).toBe(MP4.length);
  });

  it('an empty 200 (Content-Length: 0) is an error', async () => {
    storage.handle((_req, res) => void res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '0' }).end());
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /empty/);
  });

  it('a chunked body cut by the server is an error', async () => {
    storage.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(MP4, () => res.destroy());
    });
    await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')), /failed after/);
  });

  it('a missing output directory: DownloadError with the task id, before any request', async () => {
    const before = storage.count;
    const e = await expectRefused(downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'no', 'such', 'out.mp4')), /does not exist/);
    expect(e.message).toContain(TASK);
    expect(storage.count).toBe(before);
  });

  it('an existing directory as the output: DownloadError before any request', async () => {
    await mkdir(join(dir, 'out.mp4'));
    const before = storage.count;
    const e = await downloadVideo(result(`${storage.url}/v.mp4`), join(dir, 'out.mp4')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as Error).message).toMatch(/is a directory/);
    expect(storage.count).toBe(before);
  });
});
