import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadVideo } from './asset.js';
import { FAULT_KINDS, resolveOptions, type FaultKind, type ResolvedOptions, type Scope, type SimulatorOptions } from './options.js';
import { createRandom, deriveSeed, randomUuid, type Random } from './prng.js';
import {
  promptsOf,
  renderTaskResult,
  SUBMIT_ROUTES,
  TASK_RESULT_PATH,
  taskState,
  type SimulatedTask,
  type SubmitOperationId,
  type TaskSnapshot,
} from './tasks.js';
import { checkSubmitBody, describeIssues } from './validate.js';

/** A fault the simulator injected, or the per-minute limit it enforced. */
export type CountedFault = FaultKind | 'rateLimitExceeded';
/** What the simulator counts requests under: the spec's operation ids plus its own routes. */
export type CountedRoute = SubmitOperationId | 'getTaskResult' | 'downloadVideo' | 'preflight' | 'notFound';

export interface SimulatorCounts {
  /** Tasks created (accepted submits, including those whose answer was then lost to a fault). */
  tasksCreated: number;
  /** Requests that reached a submit path, whatever happened to them. */
  submitAttempts: number;
  /** Requests received, by operation. `/__simulator/*` requests are not counted. */
  requests: Record<CountedRoute, number>;
  /** Responses sent, by HTTP status; plus `reset` (socket destroyed) and `stalled` (never answered). */
  responses: Record<string, number>;
  /** Faults injected, by kind, over all scopes. */
  faults: Record<CountedFault, number>;
  /** The same, per scope. */
  faultsByScope: Record<Scope, Record<CountedFault, number>>;
}

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

const ROUTES: readonly CountedRoute[] = [
  'submitQ2ProFast', 'submitQ2ProMultiframe', 'submitQ1Reference', 'submitQ2Reference',
  'getTaskResult', 'downloadVideo', 'preflight', 'notFound',
];
const COUNTED_FAULTS: readonly CountedFault[] = [...FAULT_KINDS, 'rateLimitExceeded'];

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const FILE_PATH = /^\/files\/([A-Za-z0-9_-]+)\.mp4$/;

function emptyCounts(): SimulatorCounts {
  const faults = () => Object.fromEntries(COUNTED_FAULTS.map((k) => [k, 0])) as Record<CountedFault, number>;
  return {
    tasksCreated: 0,
    submitAttempts: 0,
    requests: Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<CountedRoute, number>,
    responses: {},
    faults: faults(),
    faultsByScope: { submit: faults(), read: faults(), download: faults() },
  };
}

function hex(random: Random, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += Math.floor(random() * 256).toString(16).padStart(2, '0');
  return s;
}

interface Streams {
  faults: Record<Scope, Random>;
  ids: Random;
  tokens: Random;
  tasks: Random;
}

function streams(seed: number): Streams {
  const r = (name: string) => createRandom(deriveSeed(seed, name));
  return {
    faults: { submit: r('faults.submit'), read: r('faults.read'), download: r('faults.download') },
    ids: r('ids'),
    tokens: r('tokens'),
    tasks: r('tasks'),
  };
}

/** Starts a simulator on loopback; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const opts = resolveOptions(options);
  const video = loadVideo(opts.videoFile);
  const sim = new Simulator(opts, video);
  return sim.listen();
}

class Simulator {
  private counts = emptyCounts();
  private rng: Streams;
  private tasks = new Map<string, SimulatedTask>();
  private files = new Map<string, { taskId: string; expiresAt: number }>();
  private windows = new Map<string, { start: number; count: number }>();
  private sockets = new Set<Socket>();
  private requestSeq = 0;
  private server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      // A bug in the simulator: answer like the provider would rather than hang the client.
      if (!res.headersSent && !res.destroyed) this.error(res, 500, 'GET_RESULT_FAILED', `simulator error: ${String(error)}`);
      else res.destroy();
    });
  });

  constructor(
    private readonly opts: ResolvedOptions,
    private readonly video: Buffer,
  ) {
    this.rng = streams(opts.seed);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<SimulatorHandle> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        const { port } = this.server.address() as AddressInfo;
        const host = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
        const url = `http://${host}:${port}`;
        resolve({
          url,
          port,
          close: () => this.close(),
          counts: () => structuredClone(this.counts),
          tasks: () => this.snapshot(),
          reset: () => this.reset(),
        });
      });
    });
  }

  private close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private reset(): void {
    this.counts = emptyCounts();
    this.rng = streams(this.opts.seed);
    this.tasks.clear();
    this.files.clear();
    this.windows.clear();
  }

  private snapshot(): TaskSnapshot[] {
    const now = this.opts.clock();
    return [...this.tasks.values()].map((t) => {
      const s = taskState(t, now, this.opts.queuedMs, this.opts.processingMs);
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

  // ---- routing ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, Content-Length, Content-Range, Accept-Ranges');
    res.setHeader('X-Request-Id', `sim-${++this.requestSeq}`);
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';

    if (method === 'OPTIONS') {
      this.counts.requests.preflight++;
      await drain(req);
      const requested = req.headers['access-control-request-headers'];
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', requested ? `Authorization, Content-Type, ${requested}` : 'Authorization, Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
      return this.send(res, 204, '', {});
    }

    const submit = SUBMIT_ROUTES[url.pathname];
    if (submit && method === 'POST') return this.submit(req, res, submit.operationId, submit.taskType, submit.providerRequestId);
    if (url.pathname === TASK_RESULT_PATH && method === 'GET') return this.read(req, res, url);
    const file = FILE_PATH.exec(url.pathname);
    if (file && (method === 'GET' || method === 'HEAD')) return this.download(req, res, file[1]!);
    // The simulator's own routes: not counted, not subject to faults or auth.
    if (url.pathname === '/__simulator/counts' && method === 'GET') return admin(res, 200, this.counts);
    if (url.pathname === '/__simulator/tasks' && method === 'GET') return admin(res, 200, this.snapshot());
    if (url.pathname === '/__simulator/reset' && method === 'POST') {
      await drain(req);
      this.reset();
      return admin(res, 204, undefined);
    }

    this.counts.requests.notFound++;
    await drain(req);
    return this.error(res, 404, 'API_NOT_FOUND', `No API at ${method} ${url.pathname}`);
  }

  // ---- operations ----

  private async submit(
    req: IncomingMessage,
    res: ServerResponse,
    operationId: SubmitOperationId,
    taskType: string,
    providerRequestId: boolean,
  ): Promise<void> {
    this.counts.requests[operationId]++;
    this.counts.submitAttempts++;
    const raw = await readBody(req, this.opts.maxBodyBytes);
    const fault = this.drawFault('submit');
    if (fault && this.earlyFault(res, fault, 'submit', 'CREATE_TASK_FAILED', 'Failed to create the task')) return;
    if (!this.authorized(req, res)) return;
    if (!this.withinRateLimit(res, operationId, 'submit')) return;

    if (raw === undefined) {
      return this.error(res, 400, 'INVALID_REQUEST_BODY', `request body exceeds ${this.opts.maxBodyBytes} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.error(res, 400, 'INVALID_REQUEST_BODY', 'request body is not valid JSON');
    }
    const issues = checkSubmitBody(operationId, body);
    if (issues.length > 0) {
      return this.error(res, 400, 'INVALID_REQUEST_BODY', describeIssues(issues), { issues });
    }

    const task = this.createTask(operationId, taskType, body);
    const answer: Record<string, string> = { task_id: task.taskId };
    if (providerRequestId) answer.provider_request_id = `req_${hex(this.rng.ids, 8)}`;

    if (fault === 'resetAfterAccept') {
      this.countFault('submit', fault);
      return this.reset_(res);
    }
    if (fault === 'malformedJson') return this.malformed(res, answer);
    return this.json(res, 200, answer);
  }

  private async read(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.counts.requests.getTaskResult++;
    await drain(req);
    const fault = this.drawFault('read');
    if (fault && this.earlyFault(res, fault, 'read', 'GET_RESULT_FAILED', 'Failed to read the task result')) return;
    if (!this.authorized(req, res)) return;
    if (!this.withinRateLimit(res, 'getTaskResult', 'read')) return;

    const taskId = url.searchParams.get('task_id');
    if (!taskId) {
      return this.error(res, 400, 'INVALID_REQUEST_BODY', 'task_id: the query parameter is required', {
        issues: [{ path: 'task_id', message: 'is required' }],
      });
    }
    const task = this.tasks.get(taskId);
    if (!task) return this.error(res, 404, 'TASK_NOT_FOUND', `Task not found: ${taskId}`);

    const now = this.opts.clock();
    const state = taskState(task, now, this.opts.queuedMs, this.opts.processingMs);
    let video: { url: string; ttlSeconds: number } | undefined;
    if (state.status === 'TASK_STATUS_SUCCEED') {
      // Like a signed CDN URL: every read hands out a fresh one with a full TTL.
      const token = hex(this.rng.tokens, 16);
      this.files.set(token, { taskId, expiresAt: now + this.opts.videoUrlTtlSeconds * 1000 });
      video = { url: `${this.origin(req)}/files/${token}.mp4`, ttlSeconds: this.opts.videoUrlTtlSeconds };
    }
    const body = renderTaskResult(task, state, this.opts, video);
    if (fault === 'malformedJson') return this.malformed(res, body);
    return this.json(res, 200, body);
  }

  private async download(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    this.counts.requests.downloadVideo++;
    await drain(req);
    const fault = this.drawFault('download');
    if (fault && fault !== 'malformedJson') {
      this.countFault('download', fault);
      switch (fault) {
        case 'serverError':
          return this.send(res, 500, 'Internal Server Error', { 'Content-Type': 'text/plain' });
        case 'badGateway':
          return this.send(res, 502, BAD_GATEWAY_HTML, { 'Content-Type': 'text/html' });
        case 'rateLimited':
          return this.send(res, 429, 'Too Many Requests', { 'Content-Type': 'text/plain' });
        case 'rateLimitedRetryAfter':
          return this.send(res, 429, 'Too Many Requests', { 'Content-Type': 'text/plain', 'Retry-After': String(this.opts.retryAfterSeconds) });
        case 'stall':
          return this.stall();
        default:
          return this.reset_(res);
      }
    }

    const entry = this.files.get(token);
    if (!entry) return this.send(res, 404, 'Not Found', { 'Content-Type': 'text/plain' });
    if (this.opts.clock() >= entry.expiresAt) {
      return this.send(res, 403, 'Request has expired: read the task result again for a fresh URL', { 'Content-Type': 'text/plain' });
    }

    const size = this.video.length;
    const headers: Record<string, string> = {
      'Content-Type': 'video/mp4',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=0',
    };
    let status = 200;
    let start = 0;
    let end = size - 1;
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      return this.send(res, 416, '', { 'Content-Range': `bytes */${size}` });
    }
    if (range) {
      status = 206;
      [start, end] = range;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    const chunk = this.video.subarray(start, end + 1);
    headers['Content-Length'] = String(chunk.length);
    if (fault === 'malformedJson') {
      // A truncated download: the full length is announced, half is sent, then the socket closes.
      this.countFault('download', fault);
      this.count(status);
      res.writeHead(status, headers);
      res.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => res.destroy());
      return;
    }
    this.count(status);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : chunk);
  }

  // ---- behaviour pieces ----

  private createTask(operationId: SubmitOperationId, taskType: string, body: unknown): SimulatedTask {
    const requested = (body as { seed?: unknown }).seed;
    const seed = typeof requested === 'number' ? requested : Math.floor(this.rng.tasks() * 2 ** 31);
    // Always draw, so the failure stream does not shift with the prompts.
    const unlucky = this.rng.tasks() < this.opts.failureRate;
    const marked = this.opts.failMarker !== '' && promptsOf(body).some((p) => p.includes(this.opts.failMarker));
    const task: SimulatedTask = {
      taskId: randomUuid(this.rng.ids),
      operationId,
      taskType,
      body,
      createdAt: this.opts.clock(),
      seed,
      failReason: marked
        ? `simulated failure: the prompt contains ${this.opts.failMarker}`
        : unlucky
          ? 'simulated failure: failureRate'
          : undefined,
    };
    this.tasks.set(task.taskId, task);
    this.counts.tasksCreated++;
    return task;
  }

  private drawFault(scope: Scope): FaultKind | undefined {
    const rates = this.opts.faults[scope];
    // One draw per request, even with no faults configured, so every request moves the stream equally.
    const r = this.rng.faults[scope]();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += rates[kind];
      if (r < edge) return kind;
    }
    return undefined;
  }

  private countFault(scope: Scope, kind: CountedFault): void {
    this.counts.faults[kind]++;
    this.counts.faultsByScope[scope][kind]++;
  }

  /** Handles the faults that happen before the provider gets to the request. True when answered. */
  private earlyFault(res: ServerResponse, fault: FaultKind, scope: Scope, reason: string, message: string): boolean {
    if (fault === 'resetAfterAccept' || fault === 'malformedJson') return false;
    this.countFault(scope, fault);
    switch (fault) {
      case 'serverError':
        this.error(res, 500, reason, message);
        break;
      case 'badGateway':
        this.send(res, 502, BAD_GATEWAY_HTML, { 'Content-Type': 'text/html' });
        break;
      case 'rateLimited':
        this.error(res, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded');
        break;
      case 'rateLimitedRetryAfter':
        this.error(res, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', {}, { 'Retry-After': String(this.opts.retryAfterSeconds) });
        break;
      case 'resetBeforeAccept':
        this.reset_(res);
        break;
      case 'stall':
        this.stall();
        break;
    }
    return true;
  }

  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.opts.apiKey === undefined) return true;
    const header = req.headers.authorization;
    if (!header) {
      this.error(res, 401, 'MISSING_API_KEY', 'Missing API key: send Authorization: Bearer <key>');
      return false;
    }
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || match[1]!.trim() !== this.opts.apiKey) {
      this.error(res, 403, 'INVALID_API_KEY', 'Invalid API key');
      return false;
    }
    return true;
  }

  private withinRateLimit(res: ServerResponse, endpoint: string, scope: Scope): boolean {
    const limit = this.opts.rateLimitPerMinute;
    if (limit === undefined) return true;
    const now = this.opts.clock();
    let window = this.windows.get(endpoint);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.windows.set(endpoint, window);
    }
    if (window.count < limit) {
      window.count++;
      return true;
    }
    this.countFault(scope, 'rateLimitExceeded');
    const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
    this.error(res, 429, 'RATE_LIMIT_EXCEEDED', `Rate limit exceeded: ${limit} requests per minute on this endpoint`, {}, { 'Retry-After': String(retryAfter) });
    return false;
  }

  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    if (host) return `http://${host}`;
    const { port } = this.server.address() as AddressInfo;
    return `http://${this.opts.host}:${port}`;
  }

  // ---- responses ----

  private count(status: number | string): void {
    const key = String(status);
    this.counts.responses[key] = (this.counts.responses[key] ?? 0) + 1;
  }

  private send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    this.count(status);
    const buf = Buffer.from(body, 'utf8');
    res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
    res.end(buf);
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
  }

  private error(
    res: ServerResponse,
    status: number,
    reason: string,
    message: string,
    metadata: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): void {
    this.json(res, status, { code: status, reason, message, metadata }, headers);
  }

  private malformed(res: ServerResponse, body: unknown): void {
    this.countFault(this.scopeOf(res), 'malformedJson');
    const text = JSON.stringify(body);
    this.send(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), { 'Content-Type': 'application/json' });
  }

  private scopeOf(res: ServerResponse): Scope {
    const path = res.req.url?.split('?')[0] ?? '';
    return path === TASK_RESULT_PATH ? 'read' : path.startsWith('/files/') ? 'download' : 'submit';
  }

  /** Destroys the connection without an answer (a TCP RST where the platform allows it). */
  private reset_(res: ServerResponse): void {
    this.count('reset');
    const socket = res.socket;
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else (socket ?? res).destroy();
  }

  /** Never answers. The socket stays tracked, so close() destroys it. */
  private stall(): void {
    this.count('stalled');
  }
}

function admin(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

/** Reads the whole body; `undefined` when it is larger than `limit` (the rest is drained). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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

/** One `bytes=` range (first, last inclusive); a multi-range header gets the whole file. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}
