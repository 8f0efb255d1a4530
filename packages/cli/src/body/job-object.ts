/** One line of a batch file (already parsed JSON) -> a JobSpec, with every problem found. */
import type { ModelName } from '../spec.js';
import { keyframeOf, parseInt10, type JobSpec } from './job-spec.js';
import type { Problem } from './problems.js';

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
        job.keyframes.push(keyframeOf(k, i, 'keyframes', problems));
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

