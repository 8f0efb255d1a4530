/** Classifies what a client sees of a simulator answer, checking every JSON body against the spec. */
import { afterEach } from 'vitest';
import { startSimulator, type FaultKind, type SimulatorHandle, type SimulatorOptions } from '../src/index.js';
import { bodies, expectSpec, paths } from './helpers.js';

export type Outcome = FaultKind | 'ok' | 'reset' | 'other';

/** Reads a body chunk by chunk: a dripped answer arrives in several pieces, a plain small one in one. */
async function readChunks(res: Response): Promise<{ text: string; chunks: number }> {
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { text: Buffer.concat(parts).toString('utf8'), chunks: parts.length };
}

/** What a client sees, classified; every JSON body is checked against the spec on the way. */
export async function observe(send: (signal: AbortSignal) => Promise<Response>, okSchema: 'SubmitResponse' | 'TaskResult', stallMs = 1000): Promise<Outcome> {
  let res: Response;
  try {
    res = await send(AbortSignal.timeout(stallMs));
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'stall' : 'reset';
  }
  let read: { text: string; chunks: number };
  try {
    read = await readChunks(res);
  } catch {
    // Headers came, then the connection closed before the announced Content-Length.
    return res.status === 200 ? 'truncatedBody' : 'other';
  }
  const { text, chunks } = read;
  if (res.status === 502) return res.headers.get('content-type') === 'text/html' && text.includes('502 Bad Gateway') ? 'badGateway' : 'other';
  if (res.status === 200 && res.headers.get('content-type')?.startsWith('text/html')) return text.includes('Sign in') ? 'notJson' : 'other';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return res.status === 200 ? 'malformedJson' : 'other';
  }
  if (res.status === 200) {
    expectSpec(okSchema, body);
    if (chunks > 1) return 'slowDrip';
    const task = (body as { task?: { status: string; eta?: unknown; progress_percent?: unknown } }).task;
    if (task && task.status === 'TASK_STATUS_SOMETHING_NEW') return 'unknownStatus';
    if (task && typeof task.eta === 'string' && typeof task.progress_percent === 'string') return 'numbersAsStrings';
    return 'ok';
  }
  expectSpec('ErrorBody', body);
  if (res.status === 500) return 'serverError';
  if (res.status === 429) return res.headers.has('retry-after') ? 'rateLimitedRetryAfter' : 'rateLimited';
  if (res.status === 404 && (body as { reason?: string }).reason === 'TASK_NOT_FOUND') return 'notFound';
  return 'other';
}

export function tally(outcomes: Outcome[]) {
  const t: Record<string, number> = {};
  for (const o of outcomes) t[o] = (t[o] ?? 0) + 1;
  return t;
}


/** A `start(options)` for a test file: every simulator it starts is closed after each test. */
export function simulators(): (options: SimulatorOptions) => Promise<SimulatorHandle> {
  let sims: SimulatorHandle[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });
  return async (options) => {
    const s = await startSimulator(options);
    sims.push(s);
    return s;
  };
}

/** A submit of the Q2 Pro Fast example body to `s`, for `observe`. */
export const submit = (s: SimulatorHandle) => (signal: AbortSignal) =>
  fetch(`${s.url}${paths.submitQ2ProFast}`, { method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(bodies.submitQ2ProFast) });
