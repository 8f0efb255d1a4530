/**
 * The HTTP/1.1 response parser of the socket download reader: every framing, fed whole and
 * split at every byte, and the hostile answers it must refuse rather than mis-frame or spin on.
 */
import { describe, expect, it } from 'vitest';
import { HttpFramingError, MAX_HEAD_BYTES, ResponseParser, type ResponseHead } from '../src/internal/http1-response.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** Feeds `wire` in pieces split at `cuts`; returns the head, the body and whether it completed. */
function parse(wire: Uint8Array, cuts: number[] = [], close = false) {
  const parser = new ResponseParser();
  const body: number[] = [];
  let head: ResponseHead | undefined;
  let from = 0;
  for (const to of [...cuts, wire.length]) {
    const piece = wire.slice(from, to);
    const h = parser.feed(piece, (view) => {
      // Views of the input, never copies: the point of the parser.
      expect(view.buffer).toBe(piece.buffer);
      body.push(...view);
    });
    if (h) head = h;
    from = to;
  }
  if (close) parser.end();
  return { head, body: Buffer.from(body).toString('latin1'), done: parser.done };
}

/** Every way of splitting `wire` in two, and in single bytes. */
function everySplit(wire: Uint8Array, check: (r: ReturnType<typeof parse>) => void, close = false) {
  for (let cut = 0; cut <= wire.length; cut++) check(parse(wire, [cut], close));
  check(parse(wire, Array.from({ length: wire.length }, (_, i) => i), close));
}

const refuse = (wire: string, message: RegExp, close = false) => expect(() => parse(bytes(wire), [], close)).toThrow(message);

describe('ResponseParser: framings', () => {
  it('Content-Length: the head, then exactly that many body bytes, split anywhere', () => {
    const wire = bytes('HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 11\r\nX-A: 1\r\nX-A: 2\r\n\r\nhello world');
    everySplit(wire, (r) => {
      expect(r.head?.status).toBe(200);
      expect(r.head?.headers.get('content-type')).toBe('video/mp4');
      expect(r.head?.headers.get('x-a')).toBe('1, 2');
      expect(r.body).toBe('hello world');
      expect(r.done).toBe(true);
    });
  });

  it('bytes after a Content-Length body are not body', () => {
    expect(parse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabEXTRA')).body).toBe('ab');
  });

  it('chunked coding with extensions and trailers, split anywhere', () => {
    const wire = bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\nhello\r\n1\r\n \r\n5 \r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n');
    everySplit(wire, (r) => {
      expect(r.body).toBe('hello world');
      expect(r.done).toBe(true);
    });
  });

  it('no length: the body runs until the connection closes', () => {
    everySplit(bytes('HTTP/1.0 200 OK\r\n\r\nuntil the end'), (r) => {
      expect(r.body).toBe('until the end');
      expect(r.done).toBe(true);
    }, true);
  });

  it('bare LF line ends are accepted (RFC 9112 2.2)', () => {
    everySplit(bytes('HTTP/1.1 200 OK\nContent-Length: 3\n\nabc'), (r) => expect(r.body).toBe('abc'));
  });

  it('interim 1xx answers are skipped; 204 and Content-Length 0 have no body', () => {
    const r = parse(bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), [5, 30]);
    expect([r.head?.status, r.body, r.done]).toEqual([200, 'ok', true]);
    expect(parse(bytes('HTTP/1.1 204 No Content\r\n\r\n')).done).toBe(true);
    expect(parse(bytes('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'))).toMatchObject({ body: '', done: true });
  });
});

describe('ResponseParser: hostile answers', () => {
  it('refuses ambiguous framing (Transfer-Encoding with Content-Length) and other codings', () => {
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n', /both Transfer-Encoding and Content-Length/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', /unsupported transfer coding/);
  });

  it('refuses bad Content-Length values, and differing repeats', () => {
    refuse('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /invalid Content-Length/);
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n', /invalid Content-Length/);
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd', /invalid Content-Length/);
    expect(parse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc')).body).toBe('abc');
  });

  it('refuses chunk sizes that are not hex, missing CRLF after data, and endless size lines', () => {
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /not a hexadecimal number/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n', /not a hexadecimal number/);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n', /not followed by CRLF/);
    refuse(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1${' '.repeat(5000)}`, /line is too long/);
    refuse(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n${'X: y\r\n'.repeat(5000)}`, /line is too long/);
  });

  it('refuses a head larger than the bound, even when it never ends', () => {
    refuse(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`, /larger than/);
  });

  it('refuses what is not an HTTP/1.x response, folded headers and control characters', () => {
    refuse('<html>hello</html>\r\n\r\n', /not an HTTP\/1.1 response/);
    refuse('HTTP/2 200\r\n\r\n', /not an HTTP\/1.1 response/);
    refuse('HTTP/1.1 200 OK\x1b[2J\r\n\r\n', /not an HTTP\/1.1 response/);
    refuse('HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n', /folded/);
    refuse('HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n', /control character in the x header/);
    refuse('HTTP/1.1 200 OK\r\nBad Name: a\r\n\r\n', /malformed header/);
    refuse('HTTP/1.1 200 OK\r\nno colon\r\n\r\n', /malformed header/);
  });

  it('refuses an endless series of interim answers', () => {
    refuse('HTTP/1.1 100 Continue\r\n\r\n'.repeat(17), /interim/);
  });

  it('a connection that ends early is an error, not a short body', () => {
    refuse('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', /before the end of the body/, true);
    refuse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', /before the end of the body/, true);
    refuse('HTTP/1.1 200 OK\r\nContent-', /before a complete response head/, true);
    expect(() => new ResponseParser().end()).toThrow(HttpFramingError);
  });
});
