// What the providers' pages (../shared/seeds) say, one row per limit, written from the pages and
// not from the spec: the contract suite checks that the spec, served by Prism, agrees.
export type Expect = 'accept' | { at: string; code: string; field?: string };

export interface Row {
  operationId: string;
  name: string;
  /** Dotted path into the operation's `minimal` example, and the value to put there (`undefined` deletes, `''` replaces the body). */
  set: Record<string, unknown>;
  expect: Expect;
}

const s = (n: number, ch = 'a') => ch.repeat(n);
const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
const keyframes = (n: number) => Array.from({ length: n }, (_, i) => ({ key_image: `https://example.com/k${i}.png` }));
const reject = (at: string, code: string, field?: string): Expect => (field ? { at, code, field } : { at, code });

const FAST = 'submitQ2ProFast';
const REF = 'submitQ2Reference';
const Q1 = 'submitQ1Reference';
const MULTI = 'submitQ2ProMultiframe';

/** Rows shared by the two Q2 subject endpoints; `subjectKey` is `name` (Pro Fast) or `id` (Q2 reference). */
const q2Rows = (op: string, subjectKey: 'name' | 'id', otherKey: 'name' | 'id'): Row[] => [
  { operationId: op, name: 'prompt is required', set: { prompt: undefined }, expect: reject('', 'required', 'prompt') },
  { operationId: op, name: 'prompt is a string', set: { prompt: 12 }, expect: reject('prompt', 'type') },
  { operationId: op, name: 'duration is required', set: { duration: undefined }, expect: reject('', 'required', 'duration') },
  { operationId: op, name: 'duration 1 is the lowest', set: { duration: 1 }, expect: 'accept' },
  { operationId: op, name: 'duration 10 is the highest', set: { duration: 10 }, expect: 'accept' },
  { operationId: op, name: 'duration 0 is too short', set: { duration: 0 }, expect: reject('duration', 'minimum') },
  { operationId: op, name: 'duration 11 is too long', set: { duration: 11 }, expect: reject('duration', 'maximum') },
  { operationId: op, name: 'duration is an integer', set: { duration: 5.5 }, expect: reject('duration', 'type') },
  { operationId: op, name: 'subjects is required', set: { subjects: undefined }, expect: reject('', 'required', 'subjects') },
  { operationId: op, name: 'at least one subject', set: { subjects: [] }, expect: reject('subjects', 'minItems') },
  { operationId: op, name: 'many subjects are fine (no upper limit on the pages)', set: { subjects: Array.from({ length: 8 }, (_, i) => ({ [subjectKey]: String(i), images: urls(1) })) }, expect: 'accept' },
  { operationId: op, name: `a subject needs its ${subjectKey}`, set: { [`subjects.0.${subjectKey}`]: undefined }, expect: reject('subjects.0', 'required', subjectKey) },
  { operationId: op, name: `a subject is keyed by ${subjectKey}, not ${otherKey}`, set: { [`subjects.0.${otherKey}`]: 'x' }, expect: reject('subjects.0', 'additionalProperties') },
  { operationId: op, name: 'a subject needs images', set: { 'subjects.0.images': undefined }, expect: reject('subjects.0', 'required', 'images') },
  { operationId: op, name: 'a subject needs at least one image', set: { 'subjects.0.images': [] }, expect: reject('subjects.0.images', 'minItems') },
  { operationId: op, name: 'an image is a string', set: { 'subjects.0.images': [{}] }, expect: reject('subjects.0.images.0', 'type') },
  { operationId: op, name: 'voice_id is a string', set: { 'subjects.0.voice_id': 3 }, expect: reject('subjects.0.voice_id', 'type') },
  { operationId: op, name: 'movement_amplitude high', set: { movement_amplitude: 'high' }, expect: 'accept' },
  { operationId: op, name: 'movement_amplitude large is Q1 only', set: { movement_amplitude: 'large' }, expect: reject('movement_amplitude', 'enum') },
  { operationId: op, name: 'aspect_ratio is a free string', set: { aspect_ratio: '21:9' }, expect: 'accept' },
  { operationId: op, name: 'aspect_ratio is a string', set: { aspect_ratio: 1.77 }, expect: reject('aspect_ratio', 'type') },
  { operationId: op, name: 'seed is an integer', set: { seed: 1.5 }, expect: reject('seed', 'type') },
  { operationId: op, name: 'bgm is a boolean', set: { bgm: 'yes' }, expect: reject('bgm', 'type') },
  { operationId: op, name: 'audio is a boolean', set: { audio: 1 }, expect: reject('audio', 'type') },
  { operationId: op, name: 'watermark is a boolean', set: { watermark: 'false' }, expect: reject('watermark', 'type') },
  { operationId: op, name: 'a typo is not a field', set: { resolutoin: '720p' }, expect: reject('', 'additionalProperties') },
  { operationId: op, name: 'resolution 720p', set: { resolution: '720p' }, expect: 'accept' },
  { operationId: op, name: 'resolution 1080p', set: { resolution: '1080p' }, expect: 'accept' },
  { operationId: op, name: 'resolution 4k', set: { resolution: '4k' }, expect: reject('resolution', 'enum') },
  { operationId: op, name: 'the body is an object', set: { '': [] }, expect: reject('', 'type') },
  { operationId: op, name: 'subjects is an array', set: { subjects: {} }, expect: reject('subjects', 'type') },
  { operationId: op, name: 'a subject is an object', set: { 'subjects.0': 'x' }, expect: reject('subjects.0', 'type') },
  { operationId: op, name: `a subject's ${subjectKey} is a string`, set: { [`subjects.0.${subjectKey}`]: 1 }, expect: reject(`subjects.0.${subjectKey}`, 'type') },
  { operationId: op, name: 'images is an array', set: { 'subjects.0.images': 'https://example.com/a.png' }, expect: reject('subjects.0.images', 'type') },
  { operationId: op, name: 'resolution is a string', set: { resolution: 720 }, expect: reject('resolution', 'type') },
  { operationId: op, name: 'movement_amplitude is a string', set: { movement_amplitude: 1 }, expect: reject('movement_amplitude', 'type') },
];

export const rows: Row[] = [
  ...q2Rows(FAST, 'name', 'id'),
  { operationId: FAST, name: 'prompt of 2000 characters', set: { prompt: s(2000) }, expect: 'accept' },
  { operationId: FAST, name: 'prompt of 2001 characters', set: { prompt: s(2001) }, expect: reject('prompt', 'maxLength') },
  { operationId: FAST, name: 'an empty prompt (length 0 is allowed)', set: { prompt: '' }, expect: 'accept' },
  { operationId: FAST, name: 'resolution 540p is not offered', set: { resolution: '540p' }, expect: reject('resolution', 'enum') },

  ...q2Rows(REF, 'id', 'name'),
  { operationId: REF, name: 'resolution 540p', set: { resolution: '540p' }, expect: 'accept' },
  { operationId: REF, name: 'a long prompt (no limit on this page)', set: { prompt: s(3000) }, expect: 'accept' },

  { operationId: Q1, name: 'the body is an object', set: { '': 'images' }, expect: reject('', 'type') },
  { operationId: Q1, name: 'images is an array', set: { images: 'https://example.com/a.png' }, expect: reject('images', 'type') },
  { operationId: Q1, name: 'prompt is a string', set: { prompt: ['a'] }, expect: reject('prompt', 'type') },
  { operationId: Q1, name: 'duration is an integer', set: { duration: '5' }, expect: reject('duration', 'type') },
  { operationId: Q1, name: 'resolution is a string', set: { resolution: 1080 }, expect: reject('resolution', 'type') },
  { operationId: Q1, name: 'aspect_ratio is a string', set: { aspect_ratio: 1 }, expect: reject('aspect_ratio', 'type') },
  { operationId: Q1, name: 'movement_amplitude is a string', set: { movement_amplitude: true }, expect: reject('movement_amplitude', 'type') },
  { operationId: Q1, name: 'images is required', set: { images: undefined }, expect: reject('', 'required', 'images') },
  { operationId: Q1, name: 'at least 1 image', set: { images: [] }, expect: reject('images', 'minItems') },
  { operationId: Q1, name: '7 images', set: { images: urls(7) }, expect: 'accept' },
  { operationId: Q1, name: '8 images', set: { images: urls(8) }, expect: reject('images', 'maxItems') },
  { operationId: Q1, name: 'an image is a string', set: { images: [7] }, expect: reject('images.0', 'type') },
  { operationId: Q1, name: 'prompt is required', set: { prompt: undefined }, expect: reject('', 'required', 'prompt') },
  { operationId: Q1, name: 'prompt of 1500 characters', set: { prompt: s(1500) }, expect: 'accept' },
  { operationId: Q1, name: 'prompt of 1501 characters', set: { prompt: s(1501) }, expect: reject('prompt', 'maxLength') },
  { operationId: Q1, name: 'prompt length counts characters, not UTF-16 units', set: { prompt: s(1500, '\u{1F600}') }, expect: 'accept' },
  { operationId: Q1, name: 'duration 5', set: { duration: 5 }, expect: 'accept' },
  { operationId: Q1, name: 'duration 4 (only 5 is supported)', set: { duration: 4 }, expect: reject('duration', 'enum') },
  { operationId: Q1, name: 'duration 6 (only 5 is supported)', set: { duration: 6 }, expect: reject('duration', 'enum') },
  { operationId: Q1, name: 'resolution 1080p', set: { resolution: '1080p' }, expect: 'accept' },
  { operationId: Q1, name: 'resolution 720p (only 1080p)', set: { resolution: '720p' }, expect: reject('resolution', 'enum') },
  { operationId: Q1, name: 'aspect_ratio 9:16', set: { aspect_ratio: '9:16' }, expect: 'accept' },
  { operationId: Q1, name: 'aspect_ratio 1:1', set: { aspect_ratio: '1:1' }, expect: 'accept' },
  { operationId: Q1, name: 'aspect_ratio 4:3', set: { aspect_ratio: '4:3' }, expect: reject('aspect_ratio', 'enum') },
  { operationId: Q1, name: 'movement_amplitude large', set: { movement_amplitude: 'large' }, expect: 'accept' },
  { operationId: Q1, name: 'movement_amplitude high is Q2 only', set: { movement_amplitude: 'high' }, expect: reject('movement_amplitude', 'enum') },
  { operationId: Q1, name: 'seed is an integer', set: { seed: '7' }, expect: reject('seed', 'type') },
  { operationId: Q1, name: 'bgm is a boolean', set: { bgm: 'true' }, expect: reject('bgm', 'type') },
  { operationId: Q1, name: 'Q1 has no audio field', set: { audio: true }, expect: reject('', 'additionalProperties') },

  { operationId: MULTI, name: 'the body is an object', set: { '': 42 }, expect: reject('', 'type') },
  { operationId: MULTI, name: 'image_settings is an array', set: { image_settings: 'k' }, expect: reject('image_settings', 'type') },
  { operationId: MULTI, name: 'a keyframe is an object', set: { 'image_settings.0': 'https://example.com/k.png' }, expect: reject('image_settings.0', 'type') },
  { operationId: MULTI, name: 'key_image is a string', set: { 'image_settings.0.key_image': 3 }, expect: reject('image_settings.0.key_image', 'type') },
  { operationId: MULTI, name: 'resolution is a string', set: { resolution: 540 }, expect: reject('resolution', 'type') },
  { operationId: MULTI, name: 'wm_position is a string', set: { wm_position: 0 }, expect: reject('wm_position', 'type') },
  { operationId: MULTI, name: 'payload is a string', set: { payload: { a: 1 } }, expect: reject('payload', 'type') },
  { operationId: MULTI, name: 'start_image is required', set: { start_image: undefined }, expect: reject('', 'required', 'start_image') },
  { operationId: MULTI, name: 'start_image is a string', set: { start_image: ['a'] }, expect: reject('start_image', 'type') },
  { operationId: MULTI, name: 'image_settings is required', set: { image_settings: undefined }, expect: reject('', 'required', 'image_settings') },
  { operationId: MULTI, name: '1 keyframe is too few', set: { image_settings: keyframes(1) }, expect: reject('image_settings', 'minItems') },
  { operationId: MULTI, name: '9 keyframes', set: { image_settings: keyframes(9) }, expect: 'accept' },
  { operationId: MULTI, name: '10 keyframes is too many', set: { image_settings: keyframes(10) }, expect: reject('image_settings', 'maxItems') },
  { operationId: MULTI, name: 'a keyframe needs key_image', set: { 'image_settings.0.key_image': undefined }, expect: reject('image_settings.0', 'required', 'key_image') },
  { operationId: MULTI, name: 'keyframe duration 2', set: { 'image_settings.0.duration': 2 }, expect: 'accept' },
  { operationId: MULTI, name: 'keyframe duration 7', set: { 'image_settings.0.duration': 7 }, expect: 'accept' },
  { operationId: MULTI, name: 'keyframe duration 1', set: { 'image_settings.0.duration': 1 }, expect: reject('image_settings.0.duration', 'minimum') },
  { operationId: MULTI, name: 'keyframe duration 8', set: { 'image_settings.0.duration': 8 }, expect: reject('image_settings.0.duration', 'maximum') },
  { operationId: MULTI, name: 'keyframe duration is an integer', set: { 'image_settings.0.duration': 2.5 }, expect: reject('image_settings.0.duration', 'type') },
  { operationId: MULTI, name: 'keyframe prompt is a string', set: { 'image_settings.0.prompt': false }, expect: reject('image_settings.0.prompt', 'type') },
  { operationId: MULTI, name: 'a typo in a keyframe', set: { 'image_settings.0.keyimage': 'x' }, expect: reject('image_settings.0', 'additionalProperties') },
  { operationId: MULTI, name: 'resolution 540p', set: { resolution: '540p' }, expect: 'accept' },
  { operationId: MULTI, name: 'resolution 1080p', set: { resolution: '1080p' }, expect: 'accept' },
  { operationId: MULTI, name: 'resolution 360p', set: { resolution: '360p' }, expect: reject('resolution', 'enum') },
  { operationId: MULTI, name: 'watermark is a boolean', set: { watermark: 'no' }, expect: reject('watermark', 'type') },
  { operationId: MULTI, name: 'wm_url is a string', set: { wm_url: 1 }, expect: reject('wm_url', 'type') },
  { operationId: MULTI, name: 'wm_position top_left', set: { wm_position: 'top_left' }, expect: 'accept' },
  { operationId: MULTI, name: 'wm_position center', set: { wm_position: 'center' }, expect: reject('wm_position', 'enum') },
  { operationId: MULTI, name: 'payload of 1,048,576 characters', set: { payload: s(1_048_576) }, expect: 'accept' },
  { operationId: MULTI, name: 'payload of 1,048,577 characters', set: { payload: s(1_048_577) }, expect: reject('payload', 'maxLength') },
  { operationId: MULTI, name: 'meta_data is a JSON string, not an object', set: { meta_data: { a: 1 } }, expect: reject('meta_data', 'type') },
  { operationId: MULTI, name: 'a typo is not a field', set: { watermark_url: 'x' }, expect: reject('', 'additionalProperties') },
];
