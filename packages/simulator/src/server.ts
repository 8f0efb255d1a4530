import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resetContext, streams, type SimContext } from './context.js';
import { emptyCounts, type SimulatorCounts } from './counts.js';
import { download, FILE_PATH } from './files.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { admin, drain, error, send } from './reply.js';
import { specRoutes } from './routes.js';
import { submit } from './submit.js';
import { readTaskResult } from './task-result.js';
import { taskState, type TaskSnapshot } from './tasks.js';
import { createVideoLibrary } from './video.js';

export type { CountedFault, CountedRoute, SimulatorCounts } from './counts.js';

export interface SimulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:53127`: pass it as the client's `baseUrl`. */
  url: string;
  port: number;
  /** Stops listening and destroys every open socket (stalled requests included); resolves when closed. */
  close(): Promise<void>;
  /** A copy of what the simulator has done so far. */
  counts(): SimulatorCounts;
  /** Every task created so far, in its state at the time of the call. */
  tasks(): TaskSnapshot[];
  /** Forgets tasks, URLs, counts and rate-limit windows and restarts the seeded streams. */
  reset(): void;
}

/**
 * Starts a simulator on loopback; resolves once it is listening.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { startSimulator } from '@vidukit/simulator';
 *
 * const sim = await startSimulator({ apiKey: 'test-key', queuedMs: 100, processingMs: 300, seed: 1 });
 * const client = createViduClient({ baseUrl: sim.url, apiKey: 'test-key' });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * console.log(sim.counts().tasksCreated); // 1
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const opts = resolveOptions(options);
  const { submit: submitRoutes, taskResultPath, taskIdSchema } = specRoutes();
  const ctx: SimContext = {
    opts,
    submitRoutes,
    taskResultPath,
    taskIdSchema,
    videos: createVideoLibrary(opts.videoFile),
    origin: '',
    counts: emptyCounts([...submitRoutes.values()].map((r) => r.operationId)),
    rng: streams(opts.seed),
    tasks: new Map(),
    files: new Map(),
    windows: new Map(),
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((err: unknown) => {
      // A bug in the simulator: answer like the provider would rather than hang the client.
      if (!res.headersSent && !res.destroyed) error(ctx, res, 500, 'GET_RESULT_FAILED', `simulator error: ${String(err)}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${host}:${port}`;
  ctx.origin = opts.publicUrl ?? url;
  return {
    url,
    port,
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
    counts: () => structuredClone(ctx.counts),
    tasks: () => snapshot(ctx),
    reset: () => resetContext(ctx),
  };
}

function snapshot(ctx: SimContext): TaskSnapshot[] {
  const now = ctx.opts.clock();
  return [...ctx.tasks.values()].map((t) => {
    const s = taskState(t, now, ctx.opts.queuedMs, ctx.opts.processingMs);
    return {
      taskId: t.taskId,
      operationId: t.operationId,
      status: s.status,
      progressPercent: s.progressPercent,
      etaSeconds: s.etaSeconds,
      createdAt: t.createdAt,
      failReason: t.failReason,
      body: t.body,
    };
  });
}

let requestSeq = 0;

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, Content-Length, Content-Range, Accept-Ranges');
  res.setHeader('X-Request-Id', `sim-${++requestSeq}`);
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const method = req.method ?? 'GET';

  if (method === 'OPTIONS') {
    ctx.counts.requests.preflight++;
    await drain(req);
    const requested = req.headers['access-control-request-headers'];
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', requested ? `Authorization, Content-Type, ${requested}` : 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', '600');
    return send(ctx, res, 204, '', {});
  }

  const submitRoute = ctx.submitRoutes.get(url.pathname);
  if (submitRoute && method === 'POST') return submit(ctx, req, res, submitRoute);
  if (url.pathname === ctx.taskResultPath && method === 'GET') return readTaskResult(ctx, req, res, url);
  const file = FILE_PATH.exec(url.pathname);
  if (file && (method === 'GET' || method === 'HEAD')) return download(ctx, req, res, file[1]!);
  // The simulator's own routes: not counted, not subject to faults or auth.
  if (url.pathname === '/__simulator/counts' && method === 'GET') return admin(res, 200, ctx.counts);
  if (url.pathname === '/__simulator/tasks' && method === 'GET') return admin(res, 200, snapshot(ctx));
  if (url.pathname === '/__simulator/reset' && method === 'POST') {
    await drain(req);
    resetContext(ctx);
    return admin(res, 204, undefined);
  }

  ctx.counts.requests.notFound++;
  await drain(req);
  return error(ctx, res, 404, 'API_NOT_FOUND', `No API at ${method} ${url.pathname}`);
}
