/**
 * An HTTP/1.1 response parser for the socket reader of downloads: the head (bounded, strict),
 * then the body framed by Content-Length, chunked coding or the end of the connection. Body
 * bytes are handed on as views of the input, never copied: that is what keeps a download's
 * memory flat (internal/node/socket-transport.ts). Only what a GET needs: no trailers kept, no
 * upgrades. Strict where leniency lets a hostile host smuggle or spin (ambiguous framing,
 * malformed sizes, unbounded lines).
 */

export interface ResponseHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (as `Headers` does). */
  headers: Map<string, string>;
}

/** A response that breaks HTTP/1.1 framing. */
export class HttpFramingError extends Error {
  override name = 'HttpFramingError';
  /** The connection ended early: the answer was fine as far as it went (worth another attempt). */
  readonly truncated: boolean;
  constructor(message: string, truncated = false) {
    super(message);
    this.truncated = truncated;
  }
}

/** The head may be this large (status line and headers, as Node's own HTTP parser allows). */
export const MAX_HEAD_BYTES = 16 * 1024;
const MAX_CHUNK_LINE = 4096;
const MAX_INTERIM = 16;
const MAX_TRAILER_BYTES = 16 * 1024;
const TOKEN = /^[!#$%&'*+.^`|~0-9A-Za-z_-]+$/;

/** Field values and reason phrases: visible characters, spaces, tabs and obs-text; no other control character. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

type State = 'head' | 'length' | 'size' | 'data' | 'data-end' | 'trailer' | 'close' | 'done';

export class ResponseParser {
  #state: State = 'head';
  #head: Uint8Array[] = [];
  #headBytes = 0;
  #line = '';
  #left = 0;
  #trailer = 0;
  #interim = 0;
  // The two bytes before the current one while reading a head: its blank line may straddle reads.
  #prev1 = -1;
  #prev2 = -1;

  /** True once the body is complete (an until-close body completes with `end()`). */
  get done(): boolean {
    return this.#state === 'done';
  }

  /**
   * Feeds bytes from the connection. Returns the head once it is complete (1xx heads are
   * skipped); body bytes go to `onBody` as views of `bytes`. Throws HttpFramingError.
   */
  feed(bytes: Uint8Array, onBody: (view: Uint8Array) => void): ResponseHead | undefined {
    let head: ResponseHead | undefined;
    let at = 0;
    while (at < bytes.length && this.#state !== 'done') {
      if (this.#state === 'head') {
        const parsed = this.#feedHead(bytes, at);
        if (!parsed) return head;
        at = parsed.at;
        if (parsed.head.status < 200) {
          if (++this.#interim > MAX_INTERIM) throw new HttpFramingError(`more than ${MAX_INTERIM} interim (1xx) responses`);
          continue;
        }
        head = parsed.head;
        this.#state = framingOf(parsed.head, (n) => (this.#left = n));
        continue;
      }
      at = this.#feedBody(bytes, at, onBody);
    }
    if (this.#state === 'length' && this.#left === 0) this.#state = 'done';
    return head;
  }

  /** The connection ended: fine only for a body that runs until the close. */
  end(): void {
    if (this.#state === 'close') this.#state = 'done';
    if (this.#state === 'head') throw new HttpFramingError('the connection closed before a complete response head', true);
    if (this.#state !== 'done') throw new HttpFramingError('the connection closed before the end of the body', true);
  }

  #feedHead(bytes: Uint8Array, at: number): { head: ResponseHead; at: number } | undefined {
    const end = this.#headEnd(bytes, at);
    const take = end === -1 ? bytes.length - at : end - at;
    if (this.#headBytes + take > MAX_HEAD_BYTES) throw new HttpFramingError(`the response head is larger than ${MAX_HEAD_BYTES} bytes`);
    this.#head.push(bytes.slice(at, at + take));
    this.#headBytes += take;
    if (end === -1) return undefined;
    const text = latin1(this.#head);
    this.#head = [];
    this.#headBytes = 0;
    this.#prev1 = this.#prev2 = -1;
    return { head: parseHead(text), at: end };
  }

  /** Where the head ends (just past its blank line), or -1. */
  #headEnd(bytes: Uint8Array, at: number): number {
    for (let i = at; i < bytes.length; i++) {
      const b = bytes[i]!;
      // "\n\n" or "\n\r\n": recipients may accept a bare LF as a line end (RFC 9112 §2.2).
      const blank = b === 0x0a && (this.#prev1 === 0x0a || (this.#prev1 === 0x0d && this.#prev2 === 0x0a));
      this.#prev2 = this.#prev1;
      this.#prev1 = b;
      if (blank) return i + 1;
    }
    return -1;
  }

  #feedBody(bytes: Uint8Array, at: number, onBody: (view: Uint8Array) => void): number {
    switch (this.#state) {
      case 'close':
        onBody(bytes.subarray(at));
        return bytes.length;
      case 'length':
      case 'data': {
        const n = Math.min(this.#left, bytes.length - at);
        if (n > 0) onBody(bytes.subarray(at, at + n));
        this.#left -= n;
        if (this.#left === 0) this.#state = this.#state === 'length' ? 'done' : 'data-end';
        return at + n;
      }
      case 'data-end':
      case 'size':
      case 'trailer':
        return this.#feedLine(bytes, at);
      default:
        return bytes.length;
    }
  }

  /** The CRLF-terminated lines of chunked coding: sizes, the CRLF after data, trailers. */
  #feedLine(bytes: Uint8Array, at: number): number {
    let i = at;
    while (i < bytes.length && bytes[i] !== 0x0a) i++;
    const limit = this.#state === 'trailer' ? MAX_TRAILER_BYTES - this.#trailer : MAX_CHUNK_LINE;
    if (this.#line.length + (i - at) > limit) throw new HttpFramingError('a chunked-coding line is too long');
    this.#line += String.fromCharCode(...bytes.subarray(at, i));
    if (i === bytes.length) return i;
    const line = this.#line.endsWith('\r') ? this.#line.slice(0, -1) : this.#line;
    this.#line = '';
    if (this.#state === 'data-end') {
      if (line !== '') throw new HttpFramingError('chunk data is not followed by CRLF');
      this.#state = 'size';
    } else if (this.#state === 'size') {
      const m = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
      if (!m) throw new HttpFramingError('a chunk size is not a hexadecimal number');
      this.#left = Number.parseInt(m[1]!, 16);
      this.#state = this.#left === 0 ? 'trailer' : 'data';
    } else {
      this.#trailer += line.length + 2;
      if (line === '') this.#state = 'done';
    }
    return i + 1;
  }
}


function latin1(pieces: Uint8Array[]): string {
  let s = '';
  for (const p of pieces) for (let i = 0; i < p.length; i += 8192) s += String.fromCharCode(...p.subarray(i, i + 8192));
  return s;
}

function parseHead(text: string): ResponseHead {
  const lines = text.split(/\r?\n/);
  const status = /^HTTP\/1\.[01] ([1-9]\d\d)(?: .*)?$/.exec(lines[0] ?? '');
  if (!status || hasControl(lines[0]!)) throw new HttpFramingError('the answer is not an HTTP/1.1 response');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') throw new HttpFramingError('a folded header line (obsolete line folding)');
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (colon <= 0 || !TOKEN.test(name)) throw new HttpFramingError('a malformed header line');
    if (hasControl(value)) throw new HttpFramingError(`a control character in the ${name} header`);
    const had = headers.get(name);
    headers.set(name, had === undefined ? value : `${had}, ${value}`);
  }
  return { status: Number(status[1]), headers };
}

/** How the body of this response is delimited (RFC 9112 §6.3). */
function framingOf(head: ResponseHead, setLength: (n: number) => void): State {
  if (head.status === 204 || head.status === 304) return 'done';
  const te = head.headers.get('transfer-encoding');
  const cl = head.headers.get('content-length');
  if (te !== undefined) {
    // Both at once is how responses get smuggled; a video host has no reason to send both.
    if (cl !== undefined) throw new HttpFramingError('both Transfer-Encoding and Content-Length');
    if (te.trim().toLowerCase() !== 'chunked') throw new HttpFramingError(`an unsupported transfer coding (${te.slice(0, 40)})`);
    return 'size';
  }
  if (cl === undefined) return 'close';
  const values = new Set(cl.split(',').map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) throw new HttpFramingError(`an invalid Content-Length (${cl.slice(0, 40)})`);
  setLength(Number(only));
  return Number(only) === 0 ? 'done' : 'length';
}
