import { emptyCounts, type SimulatorCounts } from './counts.js';
import type { ResolvedOptions, Scope } from './options.js';
import { createRandom, deriveSeed, type Random } from './prng.js';
import type { SubmitRoute } from './routes.js';
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
  const r = (name: string) => createRandom(deriveSeed(seed, name));
  return {
    faults: { submit: r('faults.submit'), read: r('faults.read'), download: r('faults.download') },
    ids: r('ids'),
    tokens: r('tokens'),
    tasks: r('tasks'),
  };
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
