import { randomInt } from 'node:crypto';

/**
 * The kinds of fault the simulator can inject, one per request at most. A kind applies only to
 * the scopes `FAULT_SCOPES` gives it; a kind that needs a state it does not find (a young task
 * for `notFound`, an unfinished one for `unknownStatus`, a 200 to drip) answers normally and is
 * not counted, so the draw (one per request) still moves the seeded stream the same way.
 */
export const FAULT_KINDS = [
  /** 500 `CREATE_TASK_FAILED` on a submit (no task created), `GET_RESULT_FAILED` on a read. */
  'serverError',
  /** 502 with an HTML body, as a proxy in front of the provider would answer. */
  'badGateway',
  /** 429 `RATE_LIMIT_EXCEEDED` without a `Retry-After` header (what the providers document). */
  'rateLimited',
  /** 429 `RATE_LIMIT_EXCEEDED` with `Retry-After: <retryAfterSeconds>`. */
  'rateLimitedRetryAfter',
  /** The socket is destroyed after the request is read, before anything happens (no task created). */
  'resetBeforeAccept',
  /** Submits only: the task is created (and would be billed), then the socket is destroyed unanswered. */
  'resetAfterAccept',
  /** The request is never answered; the client has to give up. `close()` still returns at once. */
  'stall',
  /** 200 with a truncated JSON body. On a submit the task IS created: the answer was lost, not the task. */
  'malformedJson',
  /** Reads: 200 announcing the whole body's `Content-Length`, half of it sent, then the connection closed. */
  'truncatedBody',
  /** Reads: 200 `text/html` (a login page of a proxy or captive portal) instead of the JSON answer. */
  'notJson',
  /**
   * Reads: 404 `TASK_NOT_FOUND` for a task that exists but was created less than
   * `notFoundWindowMs` ago (a replica that has not seen it yet: eventual consistency).
   */
  'notFound',
  /** Reads: an unfinished task reported with the status `TASK_STATUS_SOMETHING_NEW` (one the spec does not list). */
  'unknownStatus',
  /** Reads: `eta` and `progress_percent` sent as strings (the spec allows string or number; `seed`, `*_ms` and `video_url_ttl` always are). */
  'numbersAsStrings',
  /** Any scope: the 200 answer is sent in small chunks spread over `slowDripMs` (it completes, slowly). */
  'slowDrip',
  /** Downloads: the headers and the first part of the video, then nothing (the connection stays open). */
  'stalledDownload',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const ALL: readonly Scope[] = ['submit', 'read', 'download'];
/** Where each kind applies. Top-level rates apply to submits and reads where the kind does. */
export const FAULT_SCOPES: Readonly<Record<FaultKind, readonly Scope[]>> = {
  serverError: ALL,
  badGateway: ALL,
  rateLimited: ALL,
  rateLimitedRetryAfter: ALL,
  resetBeforeAccept: ALL,
  resetAfterAccept: ['submit'],
  stall: ALL,
  malformedJson: ALL,
  truncatedBody: ['read'],
  notJson: ['read'],
  notFound: ['read'],
  unknownStatus: ['read'],
  numbersAsStrings: ['read'],
  slowDrip: ALL,
  stalledDownload: ['download'],
};

/** Per-request probabilities, each 0..1; their sum must not exceed 1. */
export type FaultRates = Partial<Record<FaultKind, number>>;

/**
 * Which faults to inject, as per-request probabilities: the top-level rates apply to submits and
 * reads, `submit`, `read` and `download` add rates for one scope.
 *
 * @property serverError 500 `CREATE_TASK_FAILED` on a submit (no task created), `GET_RESULT_FAILED` on a read.
 * @property badGateway 502 with an HTML body, as a proxy in front of the provider would answer.
 * @property rateLimited 429 `RATE_LIMIT_EXCEEDED` without a `Retry-After` header (what the providers document).
 * @property rateLimitedRetryAfter 429 `RATE_LIMIT_EXCEEDED` with `Retry-After: <retryAfterSeconds>`.
 * @property resetBeforeAccept The socket is destroyed after the request is read, before anything happens (no task created).
 * @property resetAfterAccept Submits only: the task is created (and would be billed), then the socket is destroyed unanswered.
 * @property stall The request is never answered; the client has to give up.
 * @property malformedJson 200 with a truncated JSON body. On a submit the task IS created: the answer was lost, not the task.
 * @property truncatedBody Reads: 200 announcing the whole body's `Content-Length`, half of it sent, then the connection closed.
 * @property notJson Reads: 200 `text/html` (a login page of a proxy or captive portal) instead of the JSON answer.
 * @property notFound Reads: 404 `TASK_NOT_FOUND` for a task created less than `notFoundWindowMs` ago (eventual consistency).
 * @property unknownStatus Reads: an unfinished task reported with a status the spec does not list.
 * @property numbersAsStrings Reads: `eta` and `progress_percent` sent as strings (the spec allows both).
 * @property slowDrip Any scope: the 200 answer is sent in small chunks spread over `slowDripMs`.
 * @property stalledDownload Downloads: the headers and the first part of the video, then nothing.
 */
export interface FaultOptions extends FaultRates {
  /** Rates for the four submit operations only (added to the top-level rates). */
  submit?: FaultRates;
  /** Rates for `getTaskResult` only (added to the top-level rates). */
  read?: FaultRates;
  /**
   * Rates for `/files/*.mp4` downloads (top-level rates do not apply here). `malformedJson`
   * means a truncated download: the full `Content-Length` is announced, then the socket closes.
   */
  download?: FaultRates;
}

export type Scope = 'submit' | 'read' | 'download';

export interface SimulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (a free port chosen by the OS). */
  port?: number;
  /** When set, API requests must send `Authorization: Bearer <apiKey>`: missing = 401, wrong = 403. */
  apiKey?: string;
  /**
   * Seed for faults, failures, task ids and URL tokens. Same seed + same request order = same
   * behaviour. Default: a fresh random one, so two simulators never hand out the same task ids.
   */
  seed?: number;
  /** Time source in epoch milliseconds. Default `Date.now`. Task states are computed from it on every read. */
  clock?: () => number;
  /** How long a task stays `TASK_STATUS_QUEUED`, in ms. Default 1000. */
  queuedMs?: number;
  /** How long a task stays `TASK_STATUS_PROCESSING`, in ms. Default 3000. */
  processingMs?: number;
  /** Probability (0..1) that a created task ends `TASK_STATUS_FAILED`. Default 0. */
  failureRate?: number;
  /** A task whose prompt (or any keyframe prompt) contains this string fails. Default `[fail]`. */
  failMarker?: string;
  /** Seconds a video URL stays valid (`video_url_ttl`). Default 3600. */
  videoUrlTtlSeconds?: number;
  /** Seeded per-request fault rates. */
  faults?: FaultOptions;
  /** `Retry-After` value (seconds) sent by the `rateLimitedRetryAfter` fault. Default 1. */
  retryAfterSeconds?: number;
  /** How long a `slowDrip` answer takes from its headers to its last byte, in ms. Default 200. */
  slowDripMs?: number;
  /** The `notFound` fault hits only tasks younger than this, in ms. Default 2000. */
  notFoundWindowMs?: number;
  /**
   * Requests allowed per minute per endpoint (each submit path and the task-result path count
   * separately); the excess gets 429 with `Retry-After` until the window ends. Default: no limit.
   */
  rateLimitPerMinute?: number;
  /** Serve this MP4 instead of the bundled 2-second sample. */
  videoFile?: string;
  /** Largest request body accepted, in bytes. Default 64 MiB. */
  maxBodyBytes?: number;
  /**
   * Base of the video URLs it hands out, e.g. `http://sim.example:4010` when it listens on
   * `0.0.0.0` behind a name. Default: its own address (`url`). Never taken from a request's Host.
   */
  publicUrl?: string;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  apiKey: string | undefined;
  seed: number;
  clock: () => number;
  queuedMs: number;
  processingMs: number;
  failureRate: number;
  failMarker: string;
  videoUrlTtlSeconds: number;
  faults: Record<Scope, Required<FaultRates>>;
  retryAfterSeconds: number;
  slowDripMs: number;
  notFoundWindowMs: number;
  rateLimitPerMinute: number | undefined;
  videoFile: string | undefined;
  maxBodyBytes: number;
  publicUrl: string | undefined;
}

function rate(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new TypeError(`startSimulator: ${name} must be a number from 0 to 1, got ${String(value)}`);
  }
  return value;
}

function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`startSimulator: ${name} must be a non-negative number, got ${String(value)}`);
  }
  return value;
}

function scopeRates(scope: Scope, base: FaultRates, extra: FaultRates | undefined): Required<FaultRates> {
  for (const key of Object.keys(extra ?? {})) {
    if (!(FAULT_KINDS as readonly string[]).includes(key)) {
      throw new TypeError(`startSimulator: unknown fault kind faults.${scope}.${key}; known: ${FAULT_KINDS.join(', ')}`);
    }
    const where = FAULT_SCOPES[key as FaultKind];
    if (!where.includes(scope) && rate(`faults.${scope}.${key}`, extra?.[key as FaultKind]) > 0) {
      throw new TypeError(`startSimulator: the fault kind ${key} applies to ${where.join(', ')} only, not to faults.${scope}`);
    }
  }
  const out = {} as Required<FaultRates>;
  let sum = 0;
  for (const kind of FAULT_KINDS) {
    const value = rate(`faults.${kind}`, base[kind]) + rate(`faults.${scope}.${kind}`, extra?.[kind]);
    out[kind] = FAULT_SCOPES[kind].includes(scope) ? value : 0;
    sum += out[kind];
  }
  if (sum > 1 + 1e-9) {
    throw new TypeError(`startSimulator: fault rates for ${scope} add up to ${sum}; at most one fault per request, so the sum must be <= 1`);
  }
  return out;
}

function publicUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`startSimulator: publicUrl must be an http(s) URL, got ${String(value)}`);
  }
  return url.href.replace(/\/$/, '');
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const { submit, read, download, ...base } = options.faults ?? {};
  for (const key of Object.keys(base)) {
    if (!(FAULT_KINDS as readonly string[]).includes(key)) {
      throw new TypeError(`startSimulator: unknown fault kind faults.${key}; known: ${FAULT_KINDS.join(', ')}, or the scopes submit, read, download`);
    }
  }
  const seed = options.seed ?? randomInt(2 ** 31);
  if (!Number.isInteger(seed)) throw new TypeError(`startSimulator: seed must be an integer, got ${String(seed)}`);
  const limit = options.rateLimitPerMinute;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`startSimulator: rateLimitPerMinute must be a non-negative integer, got ${String(limit)}`);
  }
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiKey: options.apiKey,
    seed,
    clock: options.clock ?? Date.now,
    queuedMs: nonNegative('queuedMs', options.queuedMs, 1000),
    processingMs: nonNegative('processingMs', options.processingMs, 3000),
    failureRate: rate('failureRate', options.failureRate),
    failMarker: options.failMarker ?? '[fail]',
    videoUrlTtlSeconds: nonNegative('videoUrlTtlSeconds', options.videoUrlTtlSeconds, 3600),
    faults: {
      submit: scopeRates('submit', base, submit),
      read: scopeRates('read', base, read),
      download: scopeRates('download', {}, download),
    },
    retryAfterSeconds: nonNegative('retryAfterSeconds', options.retryAfterSeconds, 1),
    slowDripMs: nonNegative('slowDripMs', options.slowDripMs, 200),
    notFoundWindowMs: nonNegative('notFoundWindowMs', options.notFoundWindowMs, 2000),
    rateLimitPerMinute: limit,
    videoFile: options.videoFile,
    maxBodyBytes: nonNegative('maxBodyBytes', options.maxBodyBytes, 64 * 1024 * 1024),
    publicUrl: publicUrl(options.publicUrl),
  };
}
