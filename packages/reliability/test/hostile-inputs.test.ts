/**
 * Hostile and odd inputs at the library level: huge strings, deep nesting, prototype-pollution
 * keys, NUL and unpaired surrogates in prompts, images that lie about their type, truncated
 * headers, 0-byte files, directories. Each gets a clear, typed error (or is sent faithfully
 * when the spec allows it), and nothing reaches the network unless the body is valid.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createViduClient, ImageInputError, toImageInput, validateRequest, ValidationError, ViduError } from '@vidukit/client';
import { imageFromFile } from '@vidukit/client/node';

const KEY = 'sk-vidukit-SECRET-canary-123';
const sent: string[] = [];
const client = createViduClient({
  apiKey: KEY,
  baseUrl: 'http://127.0.0.1:9',
  maxRetries: 0,
  fetch: (async (_url: string, init: RequestInit) => {
    sent.push(typeof init.body === 'string' ? init.body : new TextDecoder('utf-8', { fatal: true }).decode(init.body as ArrayBuffer));
    return new Response('{"task_id":"t-1"}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch,
});
const valid = () => ({ prompt: 'a cat', duration: 5, subjects: [{ name: '1', images: ['https://example.com/a.png'] }] });
const rejects = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const dir = mkdtempSync(join(tmpdir(), 'vidukit-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('huge and deep bodies', () => {
  // Its cost is measured by the validation benchmark (packages/bench), not asserted here.
  it('a 20 MB prompt is refused by its maxLength with the path and a short message, nothing sent', async () => {
    const n = sent.length;
    const e = (await rejects(client.submitQ2ProFast({ ...valid(), prompt: 'x'.repeat(20 * 1024 * 1024) }))) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues[0]!.path).toBe('prompt');
    expect(e.message.length).toBeLessThan(500);
    expect(sent.length).toBe(n);
  });

  const hugeKey = () => JSON.parse(`{"k${'y'.repeat(1024 * 1024)}": 1, "prompt": "a", "duration": 5, "subjects": [{"name": "1", "images": ["u"]}]}`);
  it('a 1 MB unknown key name: refused with a ValidationError', async () => {
    const e = (await rejects(client.submitQ2ProFast(hugeKey()))) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    console.log(`1 MB key name: message is ${e.message.length} characters`);
  });

  // Regression (issue 14 K5): the issue path echoed the key name whole (a 1 MB message).
  it('a 1 MB unknown key name gives a message of bounded length', async () => {
    const e = (await rejects(client.submitQ2ProFast(hugeKey()))) as ValidationError;
    expect(e.message.length).toBeLessThan(10_000);
  });

  it('deep nesting (10,000 and 200,000 levels) in a field: ValidationError, never a RangeError', async () => {
    for (const depth of [10_000, 200_000]) {
      let deep: unknown = 1;
      for (let i = 0; i < depth; i++) deep = [deep];
      const e = await rejects(client.submitQ2ProFast({ ...valid(), seed: deep as number }));
      expect(e, `depth ${depth}`).toBeInstanceOf(ValidationError);
      const e2 = await rejects(client.submitQ2ProFast({ ...valid(), extra: deep } as never));
      expect(e2, `depth ${depth}`).toBeInstanceOf(ValidationError);
    }
  });

  it('10,000 subjects with 1,000 images each: validated (the spec sets no upper bound) without blowing up', async () => {
    const subjects = Array.from({ length: 10_000 }, (_, i) => ({ name: String(i), images: Array.from({ length: 1000 }, () => 'u') }));
    const t0 = Date.now();
    expect(validateRequest('submitQ2ProFast', { ...valid(), subjects })).toEqual([]);
    console.log(`10,000 x 1,000 images validated in ${Date.now() - t0} ms`);
  });
});

describe('prototype-pollution keys (JSON.parse makes them own properties)', () => {
  const hostile = [
    '{"__proto__": {"polluted": true}, "prompt": "a", "duration": 5, "subjects": [{"name": "1", "images": ["u"]}]}',
    '{"constructor": {"prototype": {"polluted": true}}, "prompt": "a", "duration": 5, "subjects": [{"name": "1", "images": ["u"]}]}',
    '{"prompt": "a", "duration": 5, "subjects": [{"name": "1", "images": ["u"], "__proto__": {"polluted": true}}]}',
    '{"prompt": "a", "duration": 5, "subjects": {"__proto__": [], "length": 1, "0": {"name": "1", "images": ["u"]}}}',
  ];
  it.each(hostile)('%s: refused naming the key, no pollution', async (text) => {
    const body = JSON.parse(text);
    const e = (await rejects(client.submitQ2ProFast(body))) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues.some((i) => /__proto__|constructor|subjects/.test(i.path))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('odd characters in prompts', () => {
  it('NUL bytes and control characters: sent as valid UTF-8 JSON that round-trips', async () => {
    for (const prompt of ['nul\u0000inside', '\u0001\u001f\u007f\u2028\u2029', 'emoji 🎬 and \ufeff BOM']) {
      const n = sent.length;
      await client.submitQ2ProFast({ ...valid(), prompt });
      expect(sent.length).toBe(n + 1);
      // a string body is encoded as UTF-8 by fetch; a lone surrogate would have been refused
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(sent[n]!))).toBe(sent[n]);
      expect((JSON.parse(sent[n]!) as { prompt: string }).prompt).toBe(prompt);
    }
  });

  // Issue 14 P12: a lone surrogate cannot be encoded as UTF-8; JSON would send an escape the
  // provider reads differently. Refused before sending, naming the field.
  it('unpaired surrogates: ValidationError naming prompt, nothing sent', async () => {
    for (const prompt of ['lone \ud800 high', 'lone \udc00 low']) {
      const n = sent.length;
      const e = (await rejects(client.submitQ2ProFast({ ...valid(), prompt }))) as ValidationError;
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.issues[0]!.path).toBe('prompt');
      expect(sent.length).toBe(n);
    }
  });
});

describe('images that lie', () => {
  const png = readFileSync(new URL('./fixtures/tiny.png', import.meta.url));
  const cases: [string, Uint8Array][] = [
    ['0 bytes', new Uint8Array(0)],
    ['a truncated PNG header (12 bytes)', Uint8Array.from(png.subarray(0, 12))],
    ['a PNG cut inside IHDR (16 bytes)', Uint8Array.from(png.subarray(0, 16))],
    ['text', new TextEncoder().encode('definitely not an image')],
    ['HTML', new TextEncoder().encode('<!doctype html><html></html>')],
    ['a GIF', new Uint8Array([...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0, 0, 0])],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"></svg>')],
    ['a JPEG SOI with nothing after', new Uint8Array([0xff, 0xd8, 0xff])],
    ['a RIFF that is not WebP', new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WAVE')])],
  ];
  it.each(cases)('%s -> ImageInputError naming the image (bytes, Blob claiming image/png, ArrayBuffer)', async (_name, bytes) => {
    for (const input of [bytes, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }), bytes.slice().buffer]) {
      const e = (await rejects(toImageInput(input, { name: 'subjects[0].images[0]' }))) as ImageInputError;
      expect(e).toBeInstanceOf(ImageInputError);
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.issues[0]!.path).toBe('subjects[0].images[0]');
      expect(e.message.length).toBeLessThan(400);
    }
  });

  // Regression (issue 14 K4): image-size was given a view and read past its end into the
  // underlying ArrayBuffer, so a 16-byte PNG head inside a larger buffer was accepted.
  it('a 16-byte PNG head that is a view into a larger buffer is refused too (no out-of-bounds read)', async () => {
    await expect(toImageInput(png.subarray(0, 16))).rejects.toBeInstanceOf(ImageInputError);
  });

  // Regression (issue 14 K4): only the header was read, so a PNG cut right after its IHDR chunk
  // (no IDAT, no IEND) passed every check and was uploaded.
  it('a PNG truncated after its header (30 bytes) is refused', async () => {
    await expect(toImageInput(Uint8Array.from(png.subarray(0, 30)))).rejects.toBeInstanceOf(ImageInputError);
  });

  it('a real PNG passes, whatever MIME type its Blob claims (bytes decide)', async () => {
    const url = await toImageInput(new Blob([png], { type: 'image/jpeg' }));
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('a data: URL whose bytes are not what it claims is refused', async () => {
    const lie = `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`;
    const e = await rejects(toImageInput(lie));
    console.log(`data: URL lying about its type: ${e ? (e as Error).name : 'accepted as is'}`);
    if (e) expect(e).toBeInstanceOf(ViduError);
  });

  it('files: 0 bytes, a directory, a missing path, a truncated header, text named .png -> ImageInputError with the path', async () => {
    writeFileSync(join(dir, 'empty.png'), '');
    writeFileSync(join(dir, 'cut.png'), png.subarray(0, 14));
    writeFileSync(join(dir, 'text.png'), 'hello');
    mkdirSync(join(dir, 'folder.png'));
    for (const f of ['empty.png', 'folder.png', 'missing.png', 'cut.png', 'text.png']) {
      const e = (await rejects(imageFromFile(join(dir, f)))) as ImageInputError;
      expect(e, f).toBeInstanceOf(ImageInputError);
      expect(e.message, f).toContain(f);
    }
    await expect(imageFromFile(new URL('./fixtures/tiny.png', import.meta.url).pathname)).resolves.toMatch(/^data:image\/png;base64,/);
  });
});
