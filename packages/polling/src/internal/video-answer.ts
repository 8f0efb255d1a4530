/**
 * What the download core needs from a storage host's answer, whatever carried it: `fetch` (every
 * runtime) or, on Node, the socket reader of the `./node` entry, which lends its read buffers
 * instead of allocating one per network read (see internal/node/socket-transport.ts).
 */

/** The body, in batches of chunks. */
export interface ChunkSource {
  /**
   * The chunks ready now (at least one), or undefined at the end. When `lent` is true their
   * memory is reused after the next `read()` or `cancel()`: use them (or copy) before asking
   * for more.
   */
  read(): Promise<Uint8Array[] | undefined>;
  cancel(): Promise<void>;
  readonly lent: boolean;
}

export interface VideoAnswer {
  status: number;
  /** A header's value (several joined with ", ", as `Headers.get` does), or null. */
  header(name: string): string | null;
  /** A browser's manual redirect, whose Location it hides. */
  opaqueRedirect: boolean;
  /** The URL that answered (after redirects a browser followed itself). */
  url: string;
  body: ChunkSource | null;
}

export type VideoTransport = (url: string, init: { signal: AbortSignal; redirect: 'manual' | 'follow'; headers?: Record<string, string> }) => Promise<VideoAnswer>;

function chunksOf(body: ReadableStream<Uint8Array>): ChunkSource {
  const reader = body.getReader();
  return {
    lent: false,
    async read() {
      const { done, value } = await reader.read();
      return done ? undefined : [value];
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

/** A transport over a `fetch` function: its chunks are the caller's to keep. */
export function fetchTransport(fetchImpl: typeof fetch): VideoTransport {
  return async (url, init) => {
    const response = await fetchImpl(url, init);
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      opaqueRedirect: response.type === 'opaqueredirect',
      url: response.url,
      body: response.body ? chunksOf(response.body) : null,
    };
  };
}
