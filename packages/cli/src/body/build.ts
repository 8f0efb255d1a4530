/**
 * A JobSpec -> the model's request body, as the spec describes it (which fields exist, the
 * subject key `name` or `id`, required defaults); local image paths become data URLs.
 */
import { isAbsolute, resolve } from 'node:path';
import { imageInput } from '../images.js';
import { MODELS, modelInfo, type OperationId } from '../spec.js';
import type { JobSpec } from './job-spec.js';
import { FLAG_OF_FIELD, type Problem } from './problems.js';

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

  // Subjects: --subject, or --image as one subject named "1" on models that take subjects
  // (its problems are then reported under --image, the flag that was typed).
  let subjects = job.subjects;
  let subjectFlag = '--subject';
  if (has('subjects') && !has('images') && subjects.length === 0 && job.images.length > 0) {
    subjects = [{ name: '1', images: job.images }];
    subjectFlag = '--image';
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
          images: await Promise.all(s.images.map((img, j) => resolveImage(img, `subjects[${i}].images[${j}]`, subjectFlag, baseDir, problems))),
          ...(s.voiceId !== undefined ? { voice_id: s.voiceId } : {}),
        })),
      );
      checkReferences(job.prompt, subjects, problems);
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

/**
 * `@2` in a prompt names subject 2: a reference to a subject that was not given would be sent
 * and billed, then rendered without it.
 */
function checkReferences(prompt: string | undefined, subjects: readonly { name: string }[], problems: Problem[]): void {
  if (!prompt) return;
  const names = new Set(subjects.map((s) => s.name));
  const missing = [...new Set([...prompt.matchAll(/(?<![\w@.])@(\d+)\b/g)].map((m) => m[1]!))].filter((n) => !names.has(n));
  if (missing.length === 0) return;
  const given = [...names].join(', ');
  problems.push({
    path: 'prompt',
    flag: '--prompt',
    message: `refers to ${missing.map((n) => `@${n}`).join(', ')}, but the only subject${names.size === 1 ? ' given is' : 's given are'} ${given}: add --subject ${missing[0]}=<image> or change the prompt`,
  });
}
