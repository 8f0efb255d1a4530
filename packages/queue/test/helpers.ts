// Real parts for the queue suites: the simulator behind a loopback proxy that timestamps every
// API request as it arrives (the provider's view of the budget), worker child processes, and
// the sliding-window check.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions } from '@vidukit/simulator';
import type { BudgetConfig, EnqueueJob, WorkerEvent } from '../src/index.js';

export interface Arrival {
  t: number;
  method: string;
  path: string;
  status?: number;
}

export interface TaskAtProvider {
  taskId: string;
  body: { prompt?: string };
}

export interface Provider {
  /** The proxy's base URL: give this to the workers. */
  url: string;
  /** Every API request so far, with its arrival time at the proxy. */
  arrivals(): Promise<Arrival[]>;
  /** Every task the simulator created. */
  tasks(): Promise<TaskAtProvider[]>;
  /** Answer the next `n` API requests with 429 and this Retry-After (seconds), without forwarding them. */
  inject429(n: number, retryAfterSeconds: number): Promise<void>;
  close(): Promise<void>;
}

const PROVIDER = fileURLToPath(new URL('./fixtures/provider-process.mjs', import.meta.url));

/** The simulator behind a timestamping proxy, in a child process of its own. */
export async function startProvider(options: SimulatorOptions = {}, proxy: { latencyMs?: number } = {}): Promise<Provider> {
  const child = spawn(process.execPath, [PROVIDER], { env: { ...process.env, VIDU_TEST_PROVIDER: JSON.stringify({ ...options, ...proxy }) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`provider exited with ${code}`)));
  });
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;
  return {
    url,
    arrivals: () => get<Arrival[]>('/__arrivals'),
    tasks: () => get<TaskAtProvider[]>('/__simulator/tasks'),
    async inject429(n, retryAfterSeconds) {
      await fetch(`${url}/__inject429?n=${n}&retryAfter=${retryAfterSeconds}`, { method: 'POST' });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** The most requests seen in any sliding window of `windowMs` (half-open). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

export interface WorkerConfig {
  redis: string;
  queue: string;
  baseUrl: string;
  outDir: string;
  concurrency?: number;
  budget?: BudgetConfig;
  minPollMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  requestTimeoutMs?: number;
}

export interface WorkerProcess {
  child: ChildProcess;
  events: WorkerEvent[];
  /** Called with each event as it arrives. */
  onEvent(listener: (e: WorkerEvent) => void): void;
  ready: Promise<void>;
  stderr(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-process.mjs', import.meta.url));

export function spawnWorker(cfg: WorkerConfig): WorkerProcess {
  const child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, VIDU_TEST_WORKER: JSON.stringify(cfg) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: WorkerEvent[] = [];
  const listeners: ((e: WorkerEvent) => void)[] = [];
  let err = '';
  let buf = '';
  let onReady: () => void;
  let onFail: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    onReady = res;
    onFail = rej;
  });
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        const e = JSON.parse(line) as WorkerEvent | { type: 'ready' };
        if (e.type === 'ready') onReady();
        else {
          events.push(e);
          for (const l of listeners) l(e);
        }
      } catch {
        /* not an event */
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.once('exit', (code) => onFail(new Error(`worker exited with ${code} before it was ready:\n${err}`)));
  return {
    child,
    events,
    onEvent: (l) => void listeners.push(l),
    ready,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** `n` valid q1-reference jobs, each with its own prompt (the simulator's tasks are matched to jobs by it). */
export function makeJobs(n: number, tag = 'job'): EnqueueJob[] {
  return Array.from({ length: n }, (_, i) => {
    const body = { images: ['https://example.com/cat.png'], prompt: `${tag} ${i + 1}: a cat yawns` };
    const text = JSON.stringify({ model: 'q1-reference', ...body, out: `${tag}-${i + 1}.mp4` });
    return { line: i + 1, text, model: 'q1-reference', operationId: 'submitQ1Reference', body, out: `${tag}-${i + 1}.mp4` };
  });
}

export async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
