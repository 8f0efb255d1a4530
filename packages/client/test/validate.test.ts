import { describe, expect, it } from 'vitest';
import { ValidationError, createViduClient, validateRequest } from '../src/index.js';

const fast = { prompt: 'p', duration: 5, subjects: [{ name: '1', images: ['https://e/a.png'] }] };

describe('validateRequest', () => {
  it('accepts valid bodies', () => {
    expect(validateRequest('submitQ2ProFast', fast)).toEqual([]);
    expect(validateRequest('submitQ1Reference', { images: ['https://e/a.png'], prompt: 'x' })).toEqual([]);
  });
  it('gives person-readable messages with limits', () => {
    const issues = validateRequest('submitQ2ProFast', {
      prompt: 'p',
      duration: 11,
      resolution: '4k',
      resolutoin: '720p',
      subjects: [{ name: '1', images: [] }],
    });
    const text = issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(expect.arrayContaining([
      'subjects[0].images: must have at least 1 item',
      'duration: must be at most 10',
      'resolution: must be one of 720p, 1080p',
      'resolutoin: is not a known field',
    ]));
    expect(issues).toEqual(expect.arrayContaining([
      { path: 'duration', message: 'must be at most 10', limit: 10 },
      { path: 'resolution', message: 'must be one of 720p, 1080p', limit: ['720p', '1080p'] },
      { path: 'subjects[0].images', message: 'must have at least 1 item', limit: 1 },
    ]));
  });
  it('lists every problem, with required fields and types', () => {
    const issues = validateRequest('submitQ2ProMultiframe', { image_settings: [{ duration: 8.5 }], wm_position: 'middle' });
    const text = issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(expect.arrayContaining([
      'start_image: is required',
      'image_settings: must have at least 2 items',
      'image_settings[0].key_image: is required',
      'image_settings[0].duration: must be an integer',
      'wm_position: must be one of top_left, top_right, bottom_right, bottom_left',
    ]));
  });
  it('single-value enums read naturally', () => {
    expect(validateRequest('submitQ1Reference', { images: ['a'], prompt: 'x', duration: 8 })).toEqual([{ path: 'duration', message: 'must be 5', limit: ['5'] }]);
  });
  it('string lengths count characters, not UTF-16 units', () => {
    expect(validateRequest('submitQ1Reference', { images: ['a'], prompt: '😀'.repeat(1500) })).toEqual([]);
    expect(validateRequest('submitQ1Reference', { images: ['a'], prompt: '😀'.repeat(1501) })[0]).toMatchObject({ path: 'prompt', message: 'must be at most 1500 characters long', limit: 1500 });
  });
  it('survives hostile input without TypeErrors', () => {
    const cyclic: Record<string, unknown> = { prompt: 'x' };
    cyclic.self = cyclic;
    const throwing = { get prompt() { throw new Error('boom'); } };
    for (const body of [null, undefined, 1, 'x', [], () => 1, Symbol('s'), 10n, cyclic, throwing, Object.create(null), JSON.parse('{"__proto__":{"a":1}}')]) {
      const issues = validateRequest('submitQ2ProFast', body);
      expect(issues.length, String(typeof body)).toBeGreaterThan(0);
    }
    expect(validateRequest('submitQ2ProFast', JSON.parse('{"__proto__":{"a":1}}'))).toEqual(expect.arrayContaining([{ path: '__proto__', message: 'is not a known field' }]));
    expect(({} as Record<string, unknown>).a).toBeUndefined();
    expect(validateRequest('submitQ2ProFast', null)).toEqual([{ path: '', message: 'must be an object', limit: 'object' }]);
  });
  it('validates what is sent: undefined fields vanish, inherited ones are not sent', () => {
    expect(validateRequest('submitQ2ProFast', { ...fast, seed: undefined })).toEqual([]);
    expect(validateRequest('submitQ2ProFast', Object.assign(Object.create({ evil: 1 }), fast))).toEqual([]);
    expect(validateRequest('submitQ2ProFast', { ...fast, seed: Number.NaN })).toEqual([{ path: 'seed', message: 'must be a finite number, not NaN', limit: 'finite' }]);
  });
  it('odd field names get bracketed paths', () => {
    expect(validateRequest('submitQ1Reference', { images: ['a'], prompt: 'x', 'a.b': 1 })).toEqual([{ path: '["a.b"]', message: 'is not a known field' }]);
  });
  it('unknown operation ids are reported, not thrown', () => {
    expect(validateRequest('submitNope', {})[0]!.message).toMatch(/unknown operation/);
  });
});

describe('the client validates before any network call', () => {
  it('throws ValidationError with every issue and sends nothing', async () => {
    let calls = 0;
    const c = createViduClient({ apiKey: 'k-123456789', baseUrl: 'https://h.test', fetch: async () => { calls++; return new Response('{}'); } });
    const err = await c.submitQ2ProFast({ prompt: 'p', duration: 0, subjects: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues).toHaveLength(2);
    expect(err.message).toContain('duration: must be at least 1');
    expect(err.message).toContain('subjects: must have at least 1 item');
    await expect(c.submit('submitQ1Reference', null as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(c.getTaskResult('')).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(0);
  });
  it('validate: false sends the body as is', async () => {
    let calls = 0;
    const c = createViduClient({ apiKey: 'k-123456789', baseUrl: 'https://h.test', validate: false, fetch: async () => { calls++; return Response.json({ task_id: 't' }); } });
    await c.submitQ2ProFast({ prompt: 'p', duration: 99, subjects: [] });
    expect(calls).toBe(1);
  });
});
