import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
/** Gets the request (with its read `body`), the response, and the body again for convenience. */
export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse, body: string) => unknown;
export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Replaces the handler. */
  handle(fn: Handler): void;
  close(): Promise<void>;
}
/** Starts a server on 127.0.0.1 (or `host`) on a free port. */
export declare function startServer(handler?: Handler, host?: string): Promise<TestServer>;
/** A JSON answer with its Content-Length (a string body is sent as it is). */
export declare function json(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
