/**
 * The Node transport for downloads to a file: one HTTP/1.1 GET per connection over `node:net` or
 * `node:tls`, reading into the fixed slots of a LendingRing (the `onread` option) and lending
 * the body from them. A download of any size then holds about 1 MB of buffers instead of the
 * ~50 MB of short-lived read buffers that `fetch` (or `node:http`) leaves for the GC, and it is
 * faster. Redirects, the transport policy and timeouts stay with the download core.
 */
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpFramingError, ResponseParser, type ResponseHead } from '../http1-response.js';
import type { ChunkSource, VideoAnswer, VideoTransport } from '../video-answer.js';
import { LendingRing } from './lending-ring.js';

const USER_AGENT = 'vidukit-download';

function requestOf(url: URL, headers: Record<string, string> = {}): string {
  let extra = '';
  for (const [name, value] of Object.entries(headers)) {
    // Only the download's own headers (a Range) come here; still, no header may split the request.
    if (!/^[A-Za-z0-9-]+$/.test(name) || /[\r\n]/.test(value)) throw new TypeError(`invalid request header ${name}`);
    extra += `${name}: ${value}\r\n`;
  }
  return (
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: ${USER_AGENT}\r\n` +
    `Accept: */*\r\nAccept-Encoding: identity\r\n${extra}Connection: close\r\n\r\n`
  );
}

/** A transport for `fetchVideo`; only `redirect: 'manual'` is ever asked of it (it is no browser). */
export const socketTransport: VideoTransport = (href, { signal, headers }) => {
  const url = new URL(href);
  return exchange(url, signal, requestOf(url, headers));
};

function exchange(url: URL, signal: AbortSignal, request: string): Promise<VideoAnswer> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const ring = new LendingRing();
  const parser = new ResponseParser();
  let queue: Uint8Array[] = [];
  let lent: Uint8Array[] = [];
  let failed: unknown;
  let ended = false;
  let paused = false;
  let wake: (() => void) | undefined;
  let answered: ((head: ResponseHead) => void) | undefined;
  let refused: ((error: unknown) => void) | undefined;

  const settle = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (error: unknown) => {
    failed ??= error;
    refused?.(error);
    settle();
  };
  const onBody = (view: Uint8Array) => {
    const last = queue.at(-1);
    if (last && last.buffer === view.buffer && last.byteOffset + last.byteLength === view.byteOffset) {
      // Contiguous in one slot (TLS records, short reads): one bigger write instead of several.
      queue[queue.length - 1] = new Uint8Array(view.buffer, last.byteOffset, last.byteLength + view.byteLength);
      return;
    }
    ring.hold(view);
    queue.push(view);
  };
  const onread = {
    buffer: () => ring.next(),
    callback: (n: number, buffer: Uint8Array): boolean => {
      ring.filled(buffer, n);
      try {
        const head = parser.feed(buffer.subarray(0, n), onBody);
        if (head) answered?.(head);
      } catch (error) {
        socket.destroy(error as Error);
        return false;
      }
      if (parser.done) ended = true;
      settle();
      paused = !ring.hasRoom();
      return !paused;
    },
  };
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const socket: Socket =
    url.protocol === 'https:'
      ? // `onread` is documented for tls.connect since Node 15.1; @types/node lacks it.
        tlsConnect({ host, port, servername: isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], onread } as ConnectionOptions)
      : netConnect({ host, port, onread });
  socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => socket.write(request));
  socket.on('error', fail);
  socket.on('end', () => {
    try {
      parser.end();
      ended = true;
      settle();
    } catch (error) {
      fail(error);
    }
  });
  socket.on('close', () => {
    signal.removeEventListener('abort', onAbort);
    if (!ended) fail(new HttpFramingError('the storage host closed the connection before the end of the answer', true));
  });
  const onAbort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
  signal.addEventListener('abort', onAbort, { once: true });

  const body: ChunkSource = {
    lent: true,
    async read() {
      for (const view of lent) ring.release(view);
      lent = [];
      if (paused && ring.hasRoom() && !socket.destroyed) {
        paused = false;
        socket.resume();
      }
      while (queue.length === 0 && !ended && failed === undefined) await new Promise<void>((r) => (wake = r));
      if (queue.length > 0) {
        lent = queue;
        queue = [];
        return lent;
      }
      if (failed !== undefined) throw failed;
      socket.destroy();
      return undefined;
    },
    async cancel() {
      socket.destroy();
    },
  };

  return new Promise<VideoAnswer>((resolve, reject) => {
    refused = reject;
    answered = (head) => {
      refused = undefined;
      const encoding = head.headers.get('content-encoding')?.trim().toLowerCase();
      resolve({
        status: head.status,
        header: (name) => head.headers.get(name.toLowerCase()) ?? null,
        opaqueRedirect: false,
        url: url.href,
        body: encoding && encoding !== 'identity' ? decoded(body, encoding) : body,
      });
    };
  });
}

/** A body the host compressed although asked not to: decoded as fetch would (rare; its chunks are owned). */
function decoded(source: ChunkSource, encoding: string): ChunkSource {
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) {
    void source.cancel();
    const error = new HttpFramingError(`an unsupported content coding (${encoding.slice(0, 40)})`);
    return { lent: false, read: () => Promise.reject(error), cancel: async () => {} };
  }
  async function* compressed() {
    // zlib reads its input later, on its own thread: it gets copies, not lent memory.
    for (let batch = await source.read(); batch !== undefined; batch = await source.read()) yield Buffer.concat(batch);
  }
  // An error on either side destroys both; iterating the decoder then throws it.
  const chunks = pipeline(Readable.from(compressed()), decoder, () => {})[Symbol.asyncIterator]();
  return {
    lent: false,
    async read() {
      const next = await chunks.next();
      return next.done ? undefined : [next.value as Uint8Array];
    },
    async cancel() {
      decoder.destroy();
      await source.cancel();
    },
  };
}
