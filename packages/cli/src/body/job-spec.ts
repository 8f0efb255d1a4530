/**
 * What a person asked for, in one shape whatever the source: the flags of `vidu generate` or
 * `vidu submit` (here), or one line of a batch file (job-object.ts). `buildBody` then maps a
 * JobSpec onto the model's request schema.
 */
import type { ModelName } from '../spec.js';
import type { Problem } from './problems.js';

export interface JobSpec {
  model: ModelName;
  prompt?: string;
  images: string[];
  subjects: { name: string; images: string[]; voiceId?: string }[];
  keyframes: { image: string; duration?: number; prompt?: string }[];
  startImage?: string;
  duration?: number;
  resolution?: string;
  aspect?: string;
  movement?: string;
  seed?: number;
  bgm?: boolean;
  audio?: boolean;
  watermark?: boolean;
  out?: string;
}

/** Flags of `vidu generate`, as commander hands them over. */
export interface GenerateFlags {
  prompt?: string;
  image?: string[];
  subject?: string[];
  voice?: string[];
  keyframe?: string[];
  startImage?: string;
  duration?: string;
  resolution?: string;
  aspect?: string;
  movement?: string;
  seed?: string;
  bgm?: boolean;
  audio?: boolean;
  watermark?: boolean;
  out?: string;
}

const INT = /^[+-]?\d+$/;

export function parseInt10(value: string | number | undefined, path: string, flag: string, problems: Problem[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
  } else if (INT.test(value.trim())) {
    return Number(value.trim());
  }
  problems.push({ path, flag, message: `must be an integer, got ${JSON.stringify(value)}` });
  return undefined;
}

/**
 * Splits `a.png,b.png` into image references, keeping data URLs whole (they contain a comma:
 * `data:image/png;base64,AAAA`).
 */
export function splitImageList(list: string): string[] {
  const parts = list.split(',');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i]!;
    if (/^\s*data:[^,]*$/i.test(p) && i + 1 < parts.length) p = `${p},${parts[++i]}`;
    if (p.trim()) out.push(p.trim());
  }
  return out;
}

/** `path:duration:prompt`, `path:duration`, `path::prompt` or `path`; the path may hold colons (URLs). */
export function parseKeyframe(text: string): { image: string; duration?: string; prompt?: string } {
  const m = /^(.+?):(\d*)(?::(.*))?$/s.exec(text);
  if (!m || /^[a-z][a-z0-9+.-]*$/i.test(m[1]!) && m[2] === '' && m[3] === undefined) return { image: text };
  const out: { image: string; duration?: string; prompt?: string } = { image: m[1]! };
  if (m[2]) out.duration = m[2];
  if (m[3] !== undefined && m[3] !== '') out.prompt = m[3];
  return out;
}

/** A keyframe written as text (`--keyframe`, or a string in a batch line), its duration checked. */
export function keyframeOf(text: string, index: number, flag: string, problems: Problem[]): JobSpec['keyframes'][number] {
  const kf = parseKeyframe(text);
  const frame: JobSpec['keyframes'][number] = { image: kf.image };
  const d = parseInt10(kf.duration, `image_settings[${index}].duration`, flag, problems);
  if (d !== undefined) frame.duration = d;
  if (kf.prompt !== undefined) frame.prompt = kf.prompt;
  return frame;
}

/** Flags of `vidu generate` -> a JobSpec, with every problem found in them. */
export function specFromFlags(model: ModelName, f: GenerateFlags): { job: JobSpec; problems: Problem[] } {
  const problems: Problem[] = [];
  const job: JobSpec = { model, images: [], subjects: [], keyframes: [] };
  if (f.prompt !== undefined) job.prompt = f.prompt;
  for (const img of f.image ?? []) job.images.push(...splitImageList(img));
  for (const s of f.subject ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) {
      problems.push({ path: 'subjects', flag: '--subject', message: `expected name=path[,path...], got ${JSON.stringify(s)}` });
      continue;
    }
    const name = s.slice(0, eq);
    const images = splitImageList(s.slice(eq + 1));
    const existing = job.subjects.find((x) => x.name === name);
    if (existing) existing.images.push(...images);
    else job.subjects.push({ name, images });
  }
  for (const v of f.voice ?? []) {
    const eq = v.indexOf('=');
    const subject = eq > 0 ? job.subjects.find((x) => x.name === v.slice(0, eq)) : undefined;
    if (!subject) {
      problems.push({ path: 'subjects', flag: '--voice', message: `expected name=voice_id for a subject given with --subject, got ${JSON.stringify(v)}` });
      continue;
    }
    subject.voiceId = v.slice(eq + 1);
  }
  for (const [i, k] of (f.keyframe ?? []).entries()) job.keyframes.push(keyframeOf(k, i, '--keyframe', problems));
  if (f.startImage !== undefined) job.startImage = f.startImage;
  const d = parseInt10(f.duration, 'duration', '--duration', problems);
  if (d !== undefined) job.duration = d;
  const seed = parseInt10(f.seed, 'seed', '--seed', problems);
  if (seed !== undefined) job.seed = seed;
  if (f.resolution !== undefined) job.resolution = f.resolution;
  if (f.aspect !== undefined) job.aspect = f.aspect;
  if (f.movement !== undefined) job.movement = f.movement;
  if (f.bgm) job.bgm = true;
  if (f.audio) job.audio = true;
  if (f.watermark) job.watermark = true;
  if (f.out !== undefined) job.out = f.out;
  return { job, problems };
}

