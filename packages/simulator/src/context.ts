import { emptyCounts, type SimulatorCounts } from './counts.js';
import type { ResolvedOptions, Scope } from './options.js';
import { deriveSeed, seededRandom, type Random } from '@vidukit/polling/testing';
import type { SubmitRoute } from './routes.js';
import type { JsonSchema } from './spec.js';
import type { SimulatedTask } from './tasks.js';
import type { VideoFormat, VideoLibrary } from './video.js';

/** Separate seeded streams, so e.g. polling more often never changes which submits fail. */
export interface Streams {
  faults: Record<Scope, Random>;
  ids: Random;
  tokens: Random;
  tasks: Random;
}

export function streams(seed: number): Streams {
  const r = (name: string) => seededRandom(deriveSeed(seed, name));
  return {
    faults: { submit: r('faults.submit'), read: r('faults.read'), download: r('faults.download') },
    ids: r('ids'),
    tokens: r('tokens'),
    tasks: r('tasks'),
  };
}

/** A UUID-shaped id (version 4 layout) drawn from `random`. */
export function randomUuid(random: Random): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(random() * 256).toString(16).padStart(2, '0'));
  hex[6] = `4${hex[6]!.slice(1)}`;
  hex[8] = ((parseInt(hex[8]!, 16) & 0x3f) | 0x80).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function hex(random: Random, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += Math.floor(random() * 256).toString(16).padStart(2, '0');
  return s;
}

/** Everything the request handlers share: options, state, counters and the seeded streams. */
export interface SimContext {
  readonly opts: ResolvedOptions;
  readonly submitRoutes: ReadonlyMap<string, SubmitRoute>;
  readonly taskResultPath: string;
  /** The spec's schema of `task_id` on the task-result operation. */
  readonly taskIdSchema: JsonSchema;
  readonly videos: VideoLibrary;
  /** Base of the video URLs handed out: the simulator's own address (or `publicUrl`), never the request's Host. */
  origin: string;
  counts: SimulatorCounts;
  rng: Streams;
  tasks: Map<string, SimulatedTask>;
  files: Map<string, { taskId: string; expiresAt: number; format: VideoFormat }>;
  windows: Map<string, { start: number; count: number }>;
}

/** Forgets tasks, URLs, counts and rate-limit windows and restarts the seeded streams. */
export function resetContext(ctx: SimContext): void {
  ctx.counts = emptyCounts([...ctx.submitRoutes.values()].map((r) => r.operationId));
  ctx.rng = streams(ctx.opts.seed);
  ctx.tasks.clear();
  ctx.files.clear();
  ctx.windows.clear();
}
