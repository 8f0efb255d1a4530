/** Small real HTTP servers on loopback for the hostile-response, transport and shutdown suites. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Replaces the handler. */
  handle(fn: Handler): void;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => unknown;

/** Starts a server on 127.0.0.1 (or `host`) with a swappable handler; `close()` destroys every socket. */
export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    try {
      await current(Object.assign(req, { body }), res);
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    handle: (fn) => {
      current = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Counts of the process's active resources by type (timers, sockets, servers, child processes). */
export function activeResources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Resource types that would keep a process alive, minus those present in `baseline`. */
export function leakedSince(baseline: Record<string, number>): Record<string, number> {
  const now = activeResources();
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) {
    const extra = v - (baseline[k] ?? 0);
    if (extra > 0 && k !== 'FSReqCallback' && k !== 'PipeWrap' && k !== 'TTYWrap') out[k] = extra;
  }
  return out;
}

/** Waits until `leakedSince(baseline)` is empty or `ms` passed; returns what is left. */
export async function settleResources(baseline: Record<string, number>, ms = 1000): Promise<Record<string, number>> {
  const until = Date.now() + ms;
  for (;;) {
    // setImmediate, not a timer, so the wait itself adds no Timeout.
    await new Promise((r) => setImmediate(r));
    const left = leakedSince(baseline);
    if (Object.keys(left).length === 0 || Date.now() > until) return left;
  }
}
