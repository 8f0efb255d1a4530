/**
 * A recognisable API key through every failure path of the client and polling, against a
 * hostile loopback server that echoes the Authorization header back in every place it can
 * (message, reason, metadata, request-id header, HTML title, plain text, task failure reason).
 * Every rendering of every error (message, stack, String, toJSON, JSON.stringify,
 * util.inspect with hidden fields, the cause chain) and every debug event is searched.
 * The CLI's output and journal are searched in cli.test.ts.
 */
import { inspect } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createViduClient,
  InsufficientBalanceError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SubmitOutcomeUnknownError,
  TaskNotFoundError,
  TimeoutError,
  ValidationError,
  ViduError,
  type ViduDebugEvent,
} from '@vidukit/client';
import { DownloadError, fixedSchedule, generate, TaskFailedError, waitForTask, WaitAbortedError, WaitTimeoutError } from '@vidukit/polling';
import { downloadVideo } from '@vidukit/polling/node';
import { CANARY_KEY as KEY, fieldRenderings, leaks, renderings } from '../src/secrets.js';
import { json, startServer, type TestServer } from '../src/servers.js';
import { startHostileServer } from '../src/hostile-server.js';

let api: TestServer;
let other: TestServer;
const events: ViduDebugEvent[] = [];
const logged: string[] = [];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vidukit-secrets-'));
  other = await startServer((req, res) => json(res, 200, { task: { task_id: 'x', status: 'TASK_STATUS_QUEUED' }, sawAuthorization: req.headers.authorization ?? null }));
  api = await startHostileServer(() => other.url);
});
afterAll(async () => {
  await api.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () =>
  createViduClient({
    apiKey: KEY,
    baseUrl: api.url,
    timeoutMs: 300,
    maxRetries: 1,
    retryBaseDelayMs: 1,
    onDebug: (e) => void events.push(e),
    logger: { debug: (message, e) => void logged.push(`${message} ${JSON.stringify(e)} ${inspect(e)}`) },
  });
const submitBody = (prompt: string) => ({ prompt, duration: 5, subjects: [{ name: '1', images: ['https://example.com/a.png'] }] });
const caught = async (p: Promise<unknown> | (() => Promise<unknown>)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

/** Every failure path: [name, expected class, how to produce it]. */
const paths: [string, abstract new (...a: never[]) => Error, () => Promise<unknown>][] = [
  ['read 400', BadRequestError, () => client().getTaskResult('bad-request')],
  ['read 401', AuthenticationError, () => client().getTaskResult('unauthorized')],
  ['read 403 key', AuthenticationError, () => client().getTaskResult('forbidden-key')],
  ['read 403 feature', PermissionDeniedError, () => client().getTaskResult('forbidden-feature')],
  ['read balance', InsufficientBalanceError, () => client().getTaskResult('balance')],
  ['read 404', NotFoundError, () => client().getTaskResult('not-found')],
  ['read 404 task', TaskNotFoundError, () => client().getTaskResult('task-not-found')],
  ['read 429', RateLimitError, () => client().getTaskResult('rate')],
  ['read 500', ServerError, () => client().getTaskResult('server')],
  ['read 502 html', ServerError, () => client().getTaskResult('html')],
  ['read 503 text', ServerError, () => client().getTaskResult('text')],
  ['read timeout', TimeoutError, () => client().getTaskResult('stall')],
  ['read reset', ConnectionError, () => client().getTaskResult('reset')],
  ['read malformed', ViduError, () => client().getTaskResult('malformed')],
  ['submit 400', BadRequestError, () => client().submitQ2ProFast(submitBody('bad-request'))],
  ['submit 401', AuthenticationError, () => client().submitQ2ProFast(submitBody('unauthorized'))],
  ['submit 429', RateLimitError, () => client().submitQ2ProFast(submitBody('rate'))],
  ['submit 500 in doubt', SubmitOutcomeUnknownError, () => client().submitQ2ProFast(submitBody('server'))],
  ['submit 502 html in doubt', SubmitOutcomeUnknownError, () => client().submitQ2ProFast(submitBody('html'))],
  ['submit timeout in doubt', SubmitOutcomeUnknownError, () => client().submitQ2ProFast(submitBody('stall'))],
  ['submit reset in doubt', SubmitOutcomeUnknownError, () => client().submitQ2ProFast(submitBody('reset'))],
  ['submit malformed in doubt', SubmitOutcomeUnknownError, () => client().submitQ2ProFast(submitBody('malformed'))],
  ['connection refused', ConnectionError, () => createViduClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 }).getTaskResult('t')],
  ['abort (reason names the key)', AbortError, () => {
    const c = new AbortController();
    const p = client().getTaskResult('stall', { signal: c.signal });
    setTimeout(() => c.abort(new Error(`cancelled by ${KEY}`)), 20);
    return p;
  }],
  ['validation (value holds the key)', ValidationError, () => client().submitQ2ProFast({ ...submitBody(KEY.repeat(200)), duration: `${KEY}` as never })],
  ['missing key', AuthenticationError, () => createViduClient({ apiKey: '', baseUrl: 'https://api.example.invalid' }).getTaskResult('t')],
  ['bad base URL naming the key', ViduError, async () => createViduClient({ apiKey: KEY, baseUrl: `http://${KEY}.example.com/` })],
  ['poll: task failed (reason echoes the key)', TaskFailedError, () => waitForTask(client(), 'failed-task', { schedule: fixedSchedule(10) })],
  ['poll: wait timeout', WaitTimeoutError, () => waitForTask(client(), 'queued', { timeoutMs: 150, schedule: fixedSchedule(10) })],
  ['poll: aborted', WaitAbortedError, () => waitForTask(client(), 'queued', { signal: AbortSignal.timeout(100), schedule: fixedSchedule(10) })],
  ['poll: fatal poll error', AuthenticationError, () => waitForTask(client(), 'unauthorized', { schedule: fixedSchedule(10) })],
  ['poll: transient errors exhausted', ServerError, () => waitForTask(client(), 'html', { schedule: fixedSchedule(10), maxConsecutiveErrors: 0 })],
  ['generate: submit in doubt', SubmitOutcomeUnknownError, () => generate(client(), 'submitQ2ProFast', submitBody('server'))],
  ['download refused by storage', DownloadError, async () => {
    const result = await waitForTask(client(), 'succeeded', { schedule: fixedSchedule(10) });
    return downloadVideo(result, join(dir, 'out.mp4'), { maxRefreshes: 0 });
  }],
];

describe('the key never appears in an error', () => {
  it('the hostile server really does echo the key (the search below is not vacuous)', async () => {
    const res = await fetch(`${api.url}/v3/async/task-result?task_id=bad-request`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await res.text()).toContain(KEY);
    expect(res.headers.get('x-request-id')).toContain(KEY);
  });

  it.each(paths)('%s', async (_name, cls, produce) => {
    const error = await caught(produce);
    expect(error).toBeInstanceOf(cls);
    expect(leaks(renderings(error))).toEqual([]);
  });

  it('covers every ApiError subclass the client exports', () => {
    const covered = new Set(paths.map(([, cls]) => cls));
    for (const cls of [ApiError, AuthenticationError, PermissionDeniedError, InsufficientBalanceError, BadRequestError, NotFoundError, TaskNotFoundError, RateLimitError, ServerError]) {
      expect(cls === ApiError || covered.has(cls), cls.name).toBe(true);
    }
  });

  it('the debug hook and the logger saw every request and never the key', () => {
    expect(events.length).toBeGreaterThan(30);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['request', 'response', 'error', 'retry']));
    expect(leaks({ events: JSON.stringify(events), inspected: inspect(events, { depth: 10 }), logged: logged.join('\n') })).toEqual([]);
  });
});

describe('fields a caller may read directly', () => {
  // Stricter than the issue asks: `err.reason`, `err.metadata`, `err.bodyText`, `err.requestId`.
  it.each(paths.filter(([n]) => !n.startsWith('poll: task failed') && !n.startsWith('validation')))('%s: no own field holds the key', async (_n, _c, produce) => {
    const error = await caught(produce);
    expect(leaks(fieldRenderings(error))).toEqual([]);
  });

  // Regression (issue 14 K7): TaskFailedError.reason and its result were the provider's text
  // as received, unredacted.
  it('TaskFailedError.reason is scrubbed too', async () => {
    const error = await caught(() => waitForTask(client(), 'failed-task', { schedule: fixedSchedule(10) }));
    expect(leaks(fieldRenderings(error))).toEqual([]);
  });
});

describe('transport rules', () => {
  it('plain http:// is refused for a non-loopback host, before any request', () => {
    let calls = 0;
    const f = (async () => {
      calls++;
      return new Response('{}');
    }) as typeof fetch;
    for (const baseUrl of ['http://api.novita.ai', 'http://10.0.0.5:8080', 'http://192.168.1.2', 'http://127.0.0.1.nip.io', 'http://localhost.evil.com', 'ftp://127.0.0.1']) {
      expect(() => createViduClient({ apiKey: KEY, baseUrl, fetch: f }), baseUrl).toThrow(ViduError);
    }
    for (const baseUrl of ['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'https://api.novita.ai']) {
      expect(() => createViduClient({ apiKey: KEY, baseUrl, fetch: f }), baseUrl).not.toThrow();
    }
    expect(calls).toBe(0);
  });

  it('a redirect to another host (other port) does not carry Authorization; the same origin does', async () => {
    other.requests.length = 0;
    const c = createViduClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 0, timeoutMs: 2000 });
    const answer = (await c.getTaskResult('redirect-other')) as unknown as { sawAuthorization: string | null };
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    expect(answer.sawAuthorization).toBeNull();
    // 127.0.0.1 vs localhost on the same port: a different origin too.
    api.requests.length = 0;
    const viaName = createViduClient({ apiKey: KEY, baseUrl: api.url.replace('127.0.0.1', 'localhost'), maxRetries: 0 });
    await viaName.getTaskResult('queued');
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('a redirect to plain http on a public host is refused', async () => {
    const evil = await startServer((_req, res) => { res.writeHead(302, { location: 'http://example.com/steal' }); res.end(); });
    try {
      const e = await caught(createViduClient({ apiKey: KEY, baseUrl: evil.url, maxRetries: 0 }).getTaskResult('t'));
      expect(e).toBeInstanceOf(ConnectionError);
      expect(leaks(renderings(e))).toEqual([]);
    } finally {
      await evil.close();
    }
  });
});
