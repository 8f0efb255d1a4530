/**
 * Reading an answer's body with a cap on its decoded size: a hostile or broken server (or a
 * small gzip that expands a thousandfold) cannot make the client hold more than the cap.
 */

/** Thrown by `readCapped` when a body passes its cap (the transport turns it into a typed error). */
export class OverCap extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

const decoder = new TextDecoder();

/**
 * The body as text, reading at most `cap` decoded bytes. Over the cap: with `truncate`, what was
 * read so far (error answers: their start is all anyone needs); without, `OverCap`.
 * A declared plain `Content-Length` within the cap takes the runtime's own fast path, handed
 * back as it is (no extra promise on every read).
 */
export function readCapped(res: Response, cap: number, truncate: boolean): Promise<string> {
  const declared = res.headers.get('content-length');
  const coding = declared !== null && res.headers.get('content-encoding');
  const n = coding === null || coding === 'identity' ? Number(declared) : Number.NaN;
  // fetch delivers exactly Content-Length bytes of an unencoded body.
  const known = Number.isSafeInteger(n) && n >= 0;
  // Past this test, a known length is one over the cap.
  return known && n <= cap ? res.text() : readStream(res, cap, truncate, known);
}

/** The capped read chunk by chunk; `declaredOver`: a plain Content-Length already passes the cap. */
async function readStream(res: Response, cap: number, truncate: boolean, declaredOver: boolean): Promise<string> {
  if (declaredOver && !truncate) {
    await res.body?.cancel().catch(() => {});
    throw new OverCap(cap);
  }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > cap) {
      await reader.cancel().catch(() => {});
      if (!truncate) throw new OverCap(cap);
      chunks.push(value.subarray(0, cap - total));
      total = cap;
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return decoder.decode(all);
}
