import { readdirSync, readFileSync } from 'node:fs';
import { deref } from '@vidukit/openapi/refs';
import { loadVideo } from './asset.js';
import { fileURLToPath } from 'node:url';
import {
  ALL_FORMATS,
  BufferSource,
  BufferTarget,
  EncodedPacket,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  Mp4OutputFormat,
  Output,
} from 'mediabunny';
import type { JsonSchema } from './spec.js';

/** What a task's video looks like: whole seconds, pixels. */
export interface VideoFormat {
  durationSeconds: number;
  width: number;
  height: number;
}

export interface VideoLibrary {
  /** The format a provider would render for this request body (its fields, else the schema's defaults). */
  formatFor(schema: JsonSchema, body: unknown): VideoFormat;
  /** The MP4 bytes of that format, made on first use and kept (a few dozen at most). */
  get(format: VideoFormat): Promise<Buffer>;
}

// Both src/ and dist/ sit one level below the package root (tsdown's shims give the CJS build import.meta.url).
const CLIPS_DIR = fileURLToPath(new URL('../assets/clips/', import.meta.url));
const MAX_SECONDS = 120;
const CACHE_SIZE = 24;

interface Clip {
  width: number;
  height: number;
  file: string;
}

/** The one-second clips in assets/clips/, named `<width>x<height>.mp4` (see assets/make-clips.sh). */
function listClips(): Clip[] {
  return readdirSync(CLIPS_DIR)
    .map((file) => /^(\d+)x(\d+)\.mp4$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ width: Number(m[1]), height: Number(m[2]), file: `${CLIPS_DIR}${m[0]}` }));
}

function property(root: JsonSchema, node: JsonSchema, name: string): JsonSchema | undefined {
  const child = (deref<JsonSchema>(root, node).properties as Record<string, unknown> | undefined)?.[name];
  return child === undefined ? undefined : deref<JsonSchema>(root, child);
}

const defaultOf = (root: JsonSchema, node: JsonSchema, name: string): unknown => property(root, node, name)?.default;
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function durationOf(schema: JsonSchema, body: Record<string, unknown>): number {
  // Multi-frame: the video is its segments end to end, each with its own duration.
  for (const [name, value] of Object.entries(body)) {
    const items = property(schema, schema, name)?.items;
    if (!Array.isArray(value) || items === undefined) continue;
    const item = deref<JsonSchema>(schema, items);
    if (property(schema, item, 'duration') === undefined) continue;
    const fallback = Number(defaultOf(schema, item, 'duration') ?? 5);
    return value.reduce((sum: number, k) => sum + Number(record(k).duration ?? fallback), 0);
  }
  return Number(body.duration ?? defaultOf(schema, schema, 'duration') ?? 5);
}

export function createVideoLibrary(videoFile: string | undefined): VideoLibrary {
  const clips = videoFile ? [] : listClips();
  const cache = new Map<string, Promise<Buffer>>();
  const fixed = videoFile ? loadVideo(videoFile) : undefined;

  const pick = (shortSide: number, ratio: number): Clip => {
    const score = (c: Clip) => Math.abs(Math.log(c.width / c.height / ratio)) * 10 + Math.abs(Math.min(c.width, c.height) - shortSide) / 1000;
    return clips.reduce((best, c) => (score(c) < score(best) ? c : best));
  };

  return {
    formatFor(schema, input) {
      const body = record(input);
      const seconds = durationOf(schema, body);
      const durationSeconds = Number.isFinite(seconds) ? Math.min(MAX_SECONDS, Math.max(1, Math.round(seconds))) : 5;
      if (fixed) return { durationSeconds, width: 0, height: 0 };
      const resolution = String(body.resolution ?? defaultOf(schema, schema, 'resolution') ?? '720p');
      const aspect = String(body.aspect_ratio ?? defaultOf(schema, schema, 'aspect_ratio') ?? '16:9');
      const shortSide = Number.parseInt(resolution, 10) || 720;
      const [w, h] = aspect.split(':').map(Number);
      const ratio = w && h && Number.isFinite(w / h) ? w / h : 16 / 9;
      const clip = pick(shortSide, ratio);
      return { durationSeconds, width: clip.width, height: clip.height };
    },
    get(format) {
      if (fixed) return Promise.resolve(fixed);
      const key = `${format.width}x${format.height}x${format.durationSeconds}`;
      let made = cache.get(key);
      if (!made) {
        const clip = clips.find((c) => c.width === format.width && c.height === format.height) ?? pick(format.height, format.width / format.height);
        made = loop(readFileSync(clip.file), format.durationSeconds);
        made.catch(() => cache.delete(key));
        cache.set(key, made);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return made;
    },
  };
}

/**
 * Plays a one-second clip `seconds` times in a row into a new MP4. Each clip is one closed GOP,
 * so its encoded packets can be repeated with shifted timestamps: no decoding, no encoder.
 */
async function loop(clip: Buffer, seconds: number): Promise<Buffer> {
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(clip) });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('the clip has no video track');
  const decoderConfig = await track.getDecoderConfig();
  if (!decoderConfig) throw new Error('the clip has no decoder configuration');
  const packets: EncodedPacket[] = [];
  for await (const packet of new EncodedPacketSink(track).packets()) packets.push(packet);
  const clipSeconds = await track.computeDuration();

  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(source);
  await output.start();
  for (let i = 0; i < seconds; i++) {
    for (const [n, p] of packets.entries()) {
      const shifted = new EncodedPacket(p.data, p.type, p.timestamp + i * clipSeconds, p.duration);
      await source.add(shifted, i === 0 && n === 0 ? { decoderConfig } : undefined);
    }
  }
  await output.finalize();
  return Buffer.from(output.target.buffer!);
}
