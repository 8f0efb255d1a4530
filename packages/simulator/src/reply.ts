import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context.js';

export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function count(ctx: SimContext, status: number | string): void {
  const key = String(status);
  ctx.counts.responses[key] = (ctx.counts.responses[key] ?? 0) + 1;
}

export function send(ctx: SimContext, res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  count(ctx, status);
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
  res.end(buf);
}

export function json(ctx: SimContext, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(ctx, res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

/** The provider's `{code, reason, message, metadata}` error body. */
export function error(
  ctx: SimContext,
  res: ServerResponse,
  status: number,
  reason: string,
  message: string,
  metadata: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  json(ctx, res, status, { code: status, reason, message, metadata }, headers);
}

/** 200 with the first half of the JSON: the answer was lost, not what it reported. */
export function truncatedJson(ctx: SimContext, res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  send(ctx, res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), { 'Content-Type': 'application/json' });
}

/** What a proxy's or captive portal's sign-in page looks like: a 200 that is not the API's answer. */
export const LOGIN_PAGE_HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="user"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';

/** Announces the whole body's length, sends the first half, then closes the connection. */
export function cutShort(ctx: SimContext, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  count(ctx, status);
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
}

/**
 * Sends the headers, then the body in up to `pieces` chunks spread evenly over `totalMs`: slow,
 * but complete within `totalMs`. Stops quietly when the connection goes away (close() included).
 */
export function drip(ctx: SimContext, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>, totalMs: number, pieces = 8): void {
  count(ctx, status);
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  const n = Math.max(1, Math.min(pieces, body.length));
  const size = Math.ceil(body.length / n);
  let at = 0;
  const step = () => {
    if (res.destroyed) return;
    const piece = body.subarray(at, at + size);
    at += size;
    if (at >= body.length) res.end(piece);
    else res.write(piece, () => void setTimeout(step, totalMs / n));
  };
  setTimeout(step, totalMs / n);
}

/** Sends the headers and the first `share` of the body, then nothing: the connection stays open (close() destroys it). */
export function stallMidBody(ctx: SimContext, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>, share = 0.25): void {
  count(ctx, status);
  count(ctx, 'stalled');
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.write(body.subarray(0, Math.max(1, Math.floor(body.length * share))));
}

/** Destroys the connection without an answer (a TCP RST where the platform allows it). */
export function resetSocket(ctx: SimContext, res: ServerResponse): void {
  count(ctx, 'reset');
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else (socket ?? res).destroy();
}

/** Never answers. The socket stays tracked, so close() destroys it. */
export function stall(ctx: SimContext): void {
  count(ctx, 'stalled');
}

/** The simulator's own `/__simulator/*` answers: not counted. */
export function admin(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

/** Reads the whole body; `undefined` when it is larger than `limit` (the rest is drained). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}
