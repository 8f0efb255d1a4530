/**
 * From what a person typed (flags, or one line of a batch file) to a request body. Options go
 * into a `JobSpec` first, the same shape for both sources; `buildBody` then maps it onto the
 * model's request schema as the spec describes it (which fields exist, the subject key `name`
 * or `id`, required defaults) and turns local image paths into data URLs.
 */
import { isAbsolute, resolve } from 'node:path';
import { imageInput } from './images.js';
import { modelInfo, type ModelName, type OperationId, MODELS } from './spec.js';

export interface Problem {
  /** Where in the request body (`subjects[0].images`), or `''`. */
  path: string;
  /** The flag (or batch field) a person would change. */
  flag?: string;
  message: string;
}

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

/** The body field each flag fills, for messages and for checking what a model accepts. */
export const FLAG_OF_FIELD: Record<string, string> = {
  prompt: '--prompt',
  images: '--image',
  subjects: '--subject',
  image_settings: '--keyframe',
  start_image: '--start-image',
  duration: '--duration',
  resolution: '--resolution',
  aspect_ratio: '--aspect',
  movement_amplitude: '--movement',
  seed: '--seed',
  bgm: '--bgm',
  audio: '--audio',
  watermark: '--watermark',
};

export function flagForPath(path: string): string | undefined {
  const head = /^[A-Za-z_]+/.exec(path)?.[0];
  return head ? FLAG_OF_FIELD[head] : undefined;
}

const INT = /^[+-]?\d+$/;

function parseInt10(value: string | number | undefined, path: string, flag: string, problems: Problem[]): number | undefined {
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
  f.keyframe?.forEach((k, i) => {
    const kf = parseKeyframe(k);
    const frame: JobSpec['keyframes'][number] = { image: kf.image };
    const d = parseInt10(kf.duration, `image_settings[${i}].duration`, '--keyframe', problems);
    if (d !== undefined) frame.duration = d;
    if (kf.prompt !== undefined) frame.prompt = kf.prompt;
    job.keyframes.push(frame);
  });
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

const JOB_KEYS = new Set([
  'model', 'prompt', 'image', 'images', 'subjects', 'keyframes', 'start_image', 'startImage', 'duration', 'resolution',
  'aspect', 'aspect_ratio', 'movement', 'movement_amplitude', 'seed', 'bgm', 'audio', 'watermark', 'out',
]);

/** One line of a batch file (already parsed JSON) -> a JobSpec, with every problem found. */
export function specFromJobObject(value: unknown, models: readonly string[]): { job?: JobSpec; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ path: '', message: 'a job must be a JSON object like {"model": "q2-pro-fast", "prompt": "...", ...}' }] };
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!JOB_KEYS.has(key)) problems.push({ path: '', flag: key, message: `unknown job field; known: ${[...JOB_KEYS].join(', ')}` });
  }
  const model = o.model;
  if (typeof model !== 'string' || !models.includes(model)) {
    problems.push({ path: '', flag: 'model', message: `must be one of ${models.join(', ')}, got ${JSON.stringify(model)}` });
    return { problems };
  }
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    problems.push({ path: '', flag: key, message: 'must be a string' });
    return undefined;
  };
  const strList = (key: string): string[] => {
    const v = o[key];
    if (v === undefined) return [];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push({ path: '', flag: key, message: 'must be a string or an array of strings' });
    return [];
  };
  const bool = (key: string): boolean | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    problems.push({ path: '', flag: key, message: 'must be true or false' });
    return undefined;
  };
  const job: JobSpec = { model: model as ModelName, images: [...strList('image'), ...strList('images')], subjects: [], keyframes: [] };
  const prompt = str('prompt');
  if (prompt !== undefined) job.prompt = prompt;
  const subjects = o.subjects;
  if (Array.isArray(subjects)) {
    subjects.forEach((s, i) => {
      const x = (s ?? {}) as Record<string, unknown>;
      const name = x.name ?? x.id;
      const images = typeof x.images === 'string' ? [x.images] : x.images;
      if (typeof name !== 'string' || !Array.isArray(images) || !images.every((y) => typeof y === 'string')) {
        problems.push({ path: `subjects[${i}]`, flag: 'subjects', message: 'each subject is {"name": "1", "images": ["a.png"], "voice_id"?: "..."}' });
        return;
      }
      job.subjects.push({ name, images: images as string[], ...(typeof x.voice_id === 'string' ? { voiceId: x.voice_id } : {}) });
    });
  } else if (subjects && typeof subjects === 'object') {
    for (const [name, imgs] of Object.entries(subjects)) {
      const images = typeof imgs === 'string' ? [imgs] : imgs;
      if (!Array.isArray(images) || !images.every((y) => typeof y === 'string')) {
        problems.push({ path: 'subjects', flag: 'subjects', message: `subject ${name}: images must be a path or an array of paths` });
        continue;
      }
      job.subjects.push({ name, images: images as string[] });
    }
  } else if (subjects !== undefined) {
    problems.push({ path: 'subjects', flag: 'subjects', message: 'must be {"name": ["a.png"]} or [{"name": "1", "images": ["a.png"]}]' });
  }
  const keyframes = o.keyframes;
  if (Array.isArray(keyframes)) {
    keyframes.forEach((k, i) => {
      if (typeof k === 'string') {
        const kf = parseKeyframe(k);
        const frame: JobSpec['keyframes'][number] = { image: kf.image };
        const d = parseInt10(kf.duration, `image_settings[${i}].duration`, 'keyframes', problems);
        if (d !== undefined) frame.duration = d;
        if (kf.prompt !== undefined) frame.prompt = kf.prompt;
        job.keyframes.push(frame);
        return;
      }
      const x = (k ?? {}) as Record<string, unknown>;
      const image = x.image ?? x.key_image;
      if (typeof image !== 'string') {
        problems.push({ path: `image_settings[${i}]`, flag: 'keyframes', message: 'each keyframe is {"image": "k.png", "duration"?: 3, "prompt"?: "..."} or "k.png:3:prompt"' });
        return;
      }
      const frame: JobSpec['keyframes'][number] = { image };
      const d = parseInt10(x.duration as number | undefined, `image_settings[${i}].duration`, 'keyframes', problems);
      if (d !== undefined) frame.duration = d;
      if (typeof x.prompt === 'string') frame.prompt = x.prompt;
      job.keyframes.push(frame);
    });
  } else if (keyframes !== undefined) {
    problems.push({ path: 'image_settings', flag: 'keyframes', message: 'must be an array' });
  }
  const start = str('start_image') ?? str('startImage');
  if (start !== undefined) job.startImage = start;
  const num = (key: string) => {
    const v = o[key];
    return parseInt10(v === undefined ? undefined : typeof v === 'number' || typeof v === 'string' ? v : String(v), key, key, problems);
  };
  const d = num('duration');
  if (d !== undefined) job.duration = d;
  const seed = num('seed');
  if (seed !== undefined) job.seed = seed;
  const res = str('resolution');
  if (res !== undefined) job.resolution = res;
  const aspect = str('aspect') ?? str('aspect_ratio');
  if (aspect !== undefined) job.aspect = aspect;
  const movement = str('movement') ?? str('movement_amplitude');
  if (movement !== undefined) job.movement = movement;
  for (const k of ['bgm', 'audio', 'watermark'] as const) {
    const b = bool(k);
    if (b !== undefined) job[k] = b;
  }
  const out = str('out');
  if (out !== undefined) job.out = out;
  return { job, problems };
}

async function resolveImage(ref: string, path: string, flag: string, baseDir: string, problems: Problem[]): Promise<string> {
  if (/^(https?:\/\/|data:)/i.test(ref)) return ref;
  const file = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  try {
    // The multi-frame pages state no 128 px minimum for their images; the reference models do.
    return await imageInput(file, ref, { skipMinSide: path.startsWith('start_image') || path.startsWith('image_settings') });
  } catch (error) {
    problems.push({ path, flag, message: (error as Error).message });
    return ref;
  }
}

/**
 * A JobSpec -> the model's request body. Checks which options the model has (from the spec),
 * reads local images, and fills required fields that have a spec default (duration).
 * Problems are collected, never thrown: the caller lists them all.
 */
export async function buildBody(
  job: JobSpec,
  baseDir: string,
): Promise<{ operationId: OperationId; body: Record<string, unknown>; problems: Problem[] }> {
  const problems: Problem[] = [];
  const info = modelInfo(job.model);
  const fields = new Map(info.fields.map((f) => [f.name, f]));
  const has = (name: string) => fields.has(name);
  const body: Record<string, unknown> = {};
  const reject = (field: string, flag: string) => {
    const options = info.fields.map((f) => FLAG_OF_FIELD[f.name]).filter(Boolean);
    problems.push({ path: field, flag, message: `${flag} is not an option of ${job.model} (its options: ${options.join(' ')})` });
  };

  if (job.prompt !== undefined) {
    if (has('prompt')) body.prompt = job.prompt;
    else reject('prompt', '--prompt');
  }

  // Subjects: --subject, or --image as one subject named "1" on models that take subjects.
  let subjects = job.subjects;
  if (has('subjects') && !has('images') && subjects.length === 0 && job.images.length > 0) {
    subjects = [{ name: '1', images: job.images }];
  } else if (job.images.length > 0) {
    if (has('images')) {
      body.images = await Promise.all(job.images.map((img, i) => resolveImage(img, `images[${i}]`, '--image', baseDir, problems)));
    } else reject('images', '--image');
  }
  if (subjects.length > 0) {
    if (has('subjects')) {
      const itemFields = new Set((fields.get('subjects')?.items ?? []).map((f) => f.name));
      const key = itemFields.has('id') ? 'id' : 'name';
      body.subjects = await Promise.all(
        subjects.map(async (s, i) => ({
          [key]: s.name,
          images: await Promise.all(s.images.map((img, j) => resolveImage(img, `subjects[${i}].images[${j}]`, '--subject', baseDir, problems))),
          ...(s.voiceId !== undefined ? { voice_id: s.voiceId } : {}),
        })),
      );
    } else reject('subjects', '--subject');
  }

  if (job.keyframes.length > 0) {
    if (has('image_settings')) {
      body.image_settings = await Promise.all(
        job.keyframes.map(async (k, i) => ({
          key_image: await resolveImage(k.image, `image_settings[${i}].key_image`, '--keyframe', baseDir, problems),
          ...(k.duration !== undefined ? { duration: k.duration } : {}),
          ...(k.prompt !== undefined ? { prompt: k.prompt } : {}),
        })),
      );
    } else reject('image_settings', '--keyframe');
  }
  if (job.startImage !== undefined) {
    if (has('start_image')) body.start_image = await resolveImage(job.startImage, 'start_image', '--start-image', baseDir, problems);
    else reject('start_image', '--start-image');
  }

  const scalars: [keyof JobSpec, string][] = [
    ['duration', 'duration'],
    ['resolution', 'resolution'],
    ['aspect', 'aspect_ratio'],
    ['movement', 'movement_amplitude'],
    ['seed', 'seed'],
    ['bgm', 'bgm'],
    ['audio', 'audio'],
    ['watermark', 'watermark'],
  ];
  for (const [from, to] of scalars) {
    const v = job[from];
    if (v === undefined) continue;
    if (has(to)) body[to] = v;
    else reject(to, FLAG_OF_FIELD[to]!);
  }

  // A required field with a default in the spec (duration on the Q2 models) is filled from it.
  for (const f of info.fields) {
    if (f.required && body[f.name] === undefined && f.default !== undefined) body[f.name] = f.default;
  }
  return { operationId: MODELS[job.model], body, problems };
}
