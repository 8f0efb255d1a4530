/** A real HTTP server on 127.0.0.1 whose answers a test scripts per request. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

export interface Loopback {
  url: string;
  /** Requests served so far. */
  readonly count: number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler = (_q, res) => res.writeHead(404).end()): Promise<Loopback> {
  let current = handler;
  let count = 0;
  const server = createServer((req, res) => current(req, res, ++count));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get count() {
      return count;
    },
    handle(h) {
      current = h;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export const taskBody = (taskId: string, status: string) => ({
  task: { task_id: taskId, status, reason: '' },
  ...(status === 'TASK_STATUS_SUCCEED' ? { videos: [{ video_url: 'https://cdn.example/v.mp4', video_url_ttl: '3600' }] } : {}),
});
