import type { TaskResult, TaskStatus } from '@vidukit/types';

/** A video, image or audio output with its TTL resolved to seconds and an expiry time. */
export interface NormalizedOutput {
  url: string;
  type?: string;
  ttlSeconds?: number;
  /** `receivedAt + ttlSeconds`: after this the URL no longer works; read the result again. */
  expiresAt?: Date;
}

export interface NormalizedAudioOutput extends NormalizedOutput {
  text?: string;
  startTime?: number;
  endTime?: number;
}

/** A task result with the providers' string-or-number drift resolved to numbers. */
export interface NormalizedTaskResult {
  taskId: string;
  /** One of the spec's statuses, or a value it does not list (treated as not finished). */
  status: TaskStatus | (string & {});
  /** True for `TASK_STATUS_SUCCEED` and `TASK_STATUS_FAILED` only. */
  isTerminal: boolean;
  /**
   * False when the provider sent a status the spec does not list (providers add statuses).
   * Such a task is not finished; `status` keeps the value as it came.
   */
  isKnownStatus: boolean;
  /** Why the task failed; absent when empty. */
  reason?: string;
  taskType?: string;
  progressPercent?: number;
  etaSeconds?: number;
  videos: NormalizedOutput[];
  images: NormalizedOutput[];
  audios: NormalizedAudioOutput[];
  seed?: number;
  /** The result as the provider sent it. */
  raw: TaskResult;
}

const TERMINAL = new Set(['TASK_STATUS_SUCCEED', 'TASK_STATUS_FAILED']);
// The spec's TaskStatus values: typed as a record over the generated type, so the compiler
// fails when the spec gains or loses one and this list does not follow.
const KNOWN: Record<TaskStatus, true> = {
  TASK_STATUS_QUEUED: true,
  TASK_STATUS_PROCESSING: true,
  TASK_STATUS_SUCCEED: true,
  TASK_STATUS_FAILED: true,
  TASK_STATUS_UNKNOWN: true,
};

/** A finite number from a number or a decimal string; undefined for anything else. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function output(url: unknown, type: unknown, ttl: unknown, receivedAt: Date): NormalizedOutput | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  const out: NormalizedOutput = { url };
  if (typeof type === 'string' && type) out.type = type;
  const ttlSeconds = toNumber(ttl);
  if (ttlSeconds !== undefined) {
    out.ttlSeconds = ttlSeconds;
    out.expiresAt = new Date(receivedAt.getTime() + ttlSeconds * 1000);
  }
  return out;
}

const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];

/**
 * Turns a raw task result into a stable shape: numbers where providers send strings or
 * numbers, expiry dates for output URLs, `isTerminal`, `isKnownStatus`. Tolerates missing
 * parts and statuses the spec does not list (kept as they came: not finished).
 *
 * @example
 * ```ts
 * import { createViduClient, normalizeTaskResult } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const result = normalizeTaskResult(await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f'));
 * if (result.isTerminal) console.log(result.status, result.videos[0]?.url, result.videos[0]?.expiresAt);
 * ```
 */
export function normalizeTaskResult(raw: TaskResult, receivedAt: Date = new Date()): NormalizedTaskResult {
  const task = (raw?.task ?? {}) as Partial<TaskResult['task']>;
  const status = typeof task.status === 'string' && task.status ? task.status : 'TASK_STATUS_UNKNOWN';
  const result: NormalizedTaskResult = {
    taskId: typeof task.task_id === 'string' ? task.task_id : '',
    status,
    isTerminal: TERMINAL.has(status),
    isKnownStatus: Object.hasOwn(KNOWN, status),
    videos: [],
    images: [],
    audios: [],
    raw,
  };
  if (typeof task.reason === 'string' && task.reason) result.reason = task.reason;
  if (typeof task.task_type === 'string' && task.task_type) result.taskType = task.task_type;
  const progress = toNumber(task.progress_percent);
  if (progress !== undefined) result.progressPercent = progress;
  const eta = toNumber(task.eta);
  if (eta !== undefined) result.etaSeconds = eta;
  const seed = toNumber(raw?.extra?.seed);
  if (seed !== undefined) result.seed = seed;
  for (const v of list(raw?.videos)) {
    const o = output(v.video_url, v.video_type, v.video_url_ttl, receivedAt);
    if (o) result.videos.push(o);
  }
  for (const v of list(raw?.images)) {
    const o = output(v.image_url, v.image_type, v.image_url_ttl, receivedAt);
    if (o) result.images.push(o);
  }
  for (const v of list(raw?.audios)) {
    const o: NormalizedAudioOutput | undefined = output(v.audio_url, v.audio_type, v.audio_url_ttl, receivedAt);
    if (!o) continue;
    const meta = v.audio_metadata as Record<string, unknown> | undefined;
    if (meta && typeof meta === 'object') {
      if (typeof meta.text === 'string') o.text = meta.text;
      const start = toNumber(meta.start_time);
      if (start !== undefined) o.startTime = start;
      const end = toNumber(meta.end_time);
      if (end !== undefined) o.endTime = end;
    }
    result.audios.push(o);
  }
  return result;
}
