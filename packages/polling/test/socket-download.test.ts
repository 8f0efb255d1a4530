/**
 * Downloads to a file go through the socket reader (internal/node/socket-transport.ts): real
 * loopback servers, plain and TLS, some speaking HTTP by hand to produce framings and faults
 * that node:http would not. The bytes on disk must be exactly the bytes sent.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { normalizeTaskResult } from '@vidukit/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError } from '@vidukit/client';
import { DownloadError } from '../src/errors.js';
import { socketsUsable } from '../src/internal/node/transport-choice.js';
import { downloadVideo } from '../src/node.js';
import { patterned } from './patterned.js';

const FTYP = Buffer.from('000000206674797069736f6d0000020069736f6d69736f32', 'hex');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const result = (url: string) => normalizeTaskResult({ task: { task_id: 'task-sock', status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: url }] });

/** A TCP server that reads one request head, records it, and lets the test answer by hand. */
async function rawServer(answer: (socket: Socket) => unknown): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((socket) => {
    let head = '';
    socket.on('data', (d) => {
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        requests.push(head);
        head = '';
        void answer(socket);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

let dir: string;
const servers: Server[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidukit-sock-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await rm(dir, { recursive: true, force: true });
});
async function serve(answer: (socket: Socket) => unknown) {
  const s = await rawServer(answer);
  servers.push(s.server);
  return s;
}

describe('downloadVideo to a file: the socket reader', () => {
  it('is what a file download uses by default: one GET asking for the bytes as they are', async () => {
    const body = patterned(3 * 1024 * 1024 + 5);
    const s = await serve((socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: ${body.length}\r\n\r\n`), body])));
    const out = join(dir, 'v.mp4');
    const d = await downloadVideo(result(`${s.url}/v.mp4?sig=abc`), out);
    expect(d.bytes).toBe(body.length);
    expect(sha(await readFile(out))).toBe(sha(body));
    expect(s.requests[0]).toMatch(/^GET \/v\.mp4\?sig=abc HTTP\/1\.1\r\n/);
    expect(s.requests[0]).toMatch(/\r\nHost: 127\.0\.0\.1:\d+\r\n/);
    expect(s.requests[0]).toMatch(/\r\nUser-Agent: vidukit-download\r\n/);
    expect(s.requests[0]).toMatch(/\r\nAccept-Encoding: identity\r\n/);
  });

  it('keeps every byte in place when the disk is slower than the network (buffers are lent, never overwritten)', async () => {
    // 48 MB written as fast as the socket takes it: the reader must pause rather than reuse a
    // buffer the file has not been written from yet.
    const body = patterned(48 * 1024 * 1024);
    const s = await serve((socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body])));
    const out = join(dir, 'big.mp4');
    let progress = 0;
    await downloadVideo(result(`${s.url}/big.mp4`), out, { onProgress: (p) => (progress = p.receivedBytes) });
    expect(progress).toBe(body.length);
    expect(sha(await readFile(out))).toBe(sha(body));
  });

  it('reads chunked coding sent in odd pieces, and a body that runs until the close', async () => {
    const body = patterned(200_000);
    const chunked = await serve(async (socket) => {
      const wire = Buffer.concat([
        Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\n\r\n'),
        ...[body.subarray(0, 7), body.subarray(7, 150_000), body.subarray(150_000)].flatMap((c) => [Buffer.from(`${c.length.toString(16)};x=1\r\n`), c, Buffer.from('\r\n')]),
        Buffer.from('0\r\n\r\n'),
      ]);
      for (let at = 0; at < wire.length; at += 9_999) {
        socket.write(wire.subarray(at, at + 9_999));
        await new Promise((r) => setImmediate(r));
      }
      socket.end();
    });
    await downloadVideo(result(`${chunked.url}/c.mp4`), join(dir, 'c.mp4'));
    expect(sha(await readFile(join(dir, 'c.mp4')))).toBe(sha(body));

    const untilClose = await serve((socket) => socket.end(Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: video/mp4\r\n\r\n'), body])));
    await downloadVideo(result(`${untilClose.url}/u.mp4`), join(dir, 'u.mp4'));
    expect(sha(await readFile(join(dir, 'u.mp4')))).toBe(sha(body));
  });

  it('decodes a body compressed against its request, as fetch would', async () => {
    const body = patterned(100_000);
    const zipped = gzipSync(body);
    const s = await serve((socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Encoding: gzip\r\nContent-Length: ${zipped.length}\r\n\r\n`), zipped])));
    const d = await downloadVideo(result(`${s.url}/z.mp4`), join(dir, 'z.mp4'));
    expect(d.bytes).toBe(body.length);
    expect(sha(await readFile(join(dir, 'z.mp4')))).toBe(sha(body));
  });

  it('a connection cut mid-body or a mis-framed answer fails with DownloadError and leaves no file', async () => {
    const body = patterned(100_000);
    const cut = await serve((socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body.subarray(0, 60_000)])));
    const e1 = await downloadVideo(result(`${cut.url}/t.mp4`), join(dir, 't.mp4')).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DownloadError);
    expect((e1 as DownloadError).message).toMatch(/task-sock.*(closed|truncated)/);
    const smuggle = await serve((socket) => socket.end(`HTTP/1.1 200 OK\r\nContent-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n${FTYP.toString('latin1')}`));
    const e2 = await downloadVideo(result(`${smuggle.url}/s.mp4`), join(dir, 's.mp4')).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(DownloadError);
    expect((e2 as DownloadError).message).toMatch(/both Transfer-Encoding and Content-Length/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an abort mid-body stops the download at once: AbortError, no file', async () => {
    const s = await serve((socket) => socket.write(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n'), patterned(300_000)])));
    const controller = new AbortController();
    const pending = downloadVideo(result(`${s.url}/a.mp4`), join(dir, 'a.mp4'), {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('user stop')),
    });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('follows a redirect to another host under the transport policy', async () => {
    const body = patterned(50_000);
    const target = await serve((socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body])));
    const hop = await serve((socket) => socket.end(`HTTP/1.1 302 Found\r\nLocation: ${target.url}/final.mp4\r\nContent-Length: 0\r\n\r\n`));
    await downloadVideo(result(`${hop.url}/first.mp4`), join(dir, 'r.mp4'));
    expect(target.requests[0]).toMatch(/^GET \/final\.mp4 /);
    expect(sha(await readFile(join(dir, 'r.mp4')))).toBe(sha(body));
  });
});

describe('when a file download goes through fetch instead', () => {
  it('a fetch option, a replaced global fetch, a proxy in the environment or an application dispatcher', () => {
    expect(socketsUsable({})).toBe(true);
    expect(socketsUsable({ fetch: globalThis.fetch })).toBe(false);
    expect(socketsUsable({}, { HTTPS_PROXY: 'http://proxy.internal:3128' })).toBe(false);
    expect(socketsUsable({}, { NODE_USE_ENV_PROXY: '1' })).toBe(false);
    const key = Symbol.for('undici.globalDispatcher.1');
    const had = (globalThis as Record<symbol, unknown>)[key];
    try {
      (globalThis as Record<symbol, unknown>)[key] = new (class ProxyAgent {})();
      expect(socketsUsable({})).toBe(false);
    } finally {
      (globalThis as Record<symbol, unknown>)[key] = had;
    }
  });

  it('a replaced global fetch (a mock, instrumentation) still sees the download', async () => {
    const body = patterned(10_000);
    const server = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'video/mp4' }).end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const seen: string[] = [];
    const real = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      seen.push(String(input));
      return real(input, init);
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.mp4`;
      await downloadVideo(result(url), join(dir, 'm.mp4'));
      expect(seen).toEqual([url]);
      expect(sha(await readFile(join(dir, 'm.mp4')))).toBe(sha(body));
    } finally {
      vi.unstubAllGlobals();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
