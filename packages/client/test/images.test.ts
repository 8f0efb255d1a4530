import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_LIMITS, ImageInputError, ValidationError, sniffImageFormat, toImageInput } from '../src/index.js';
import { imageFromFile } from '../src/node.js';
import { gif, jpeg, png, webp } from './support/images.js';

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const reason = (p: Promise<unknown>) => p.then(() => 'resolved', (e: ImageInputError) => { expect(e).toBeInstanceOf(ImageInputError); expect(e).toBeInstanceOf(ValidationError); return e.issues[0]!.message; });

describe('toImageInput', () => {
  it('keeps https URLs and loopback http URLs', async () => {
    await expect(toImageInput('https://example.com/a.png')).resolves.toBe('https://example.com/a.png');
    await expect(toImageInput('http://127.0.0.1:8080/a.png')).resolves.toBe('http://127.0.0.1:8080/a.png');
    expect(await reason(toImageInput('http://example.com/a.png'))).toMatch(/https URL/);
    expect(await reason(toImageInput('ftp://example.com/a.png'))).toMatch(/https URL/);
    expect(await reason(toImageInput('./cat.png'))).toMatch(/imageFromFile/);
  });
  it('sniffs png, jpeg and webp from the bytes', async () => {
    expect(sniffImageFormat(png(1, 1))).toBe('png');
    expect(sniffImageFormat(jpeg(1, 1))).toBe('jpeg');
    expect(sniffImageFormat(webp(1, 1))).toBe('webp');
    expect(sniffImageFormat(gif())).toBeUndefined();
    await expect(toImageInput(png(300, 200))).resolves.toBe(`data:image/png;base64,${b64(png(300, 200))}`);
    await expect(toImageInput(jpeg(640, 480).buffer as ArrayBuffer)).resolves.toMatch(/^data:image\/jpeg;base64,/);
    await expect(toImageInput(new Blob([webp(512, 512) as BlobPart]))).resolves.toMatch(/^data:image\/webp;base64,/);
  });
  it('names the problem with other formats', async () => {
    expect(await reason(toImageInput(gif()))).toBe('must be PNG, JPEG or WebP; the bytes are a GIF');
    expect(await reason(toImageInput(new TextEncoder().encode('<html></html>')))).toMatch(/HTML/);
    expect(await reason(toImageInput(new Uint8Array()))).toMatch(/empty/);
  });
  it('checks minimum size and aspect ratio from the header', async () => {
    expect(await reason(toImageInput(png(127, 300)))).toBe('is 127x300 px; width and height must be at least 128 px');
    expect(await reason(toImageInput(png(2000, 499)))).toMatch(/aspect ratio 4\.01:1.*1:4 to 4:1/);
    await expect(toImageInput(png(2000, 500))).resolves.toMatch(/^data:/);
    await expect(toImageInput(png(128, 512))).resolves.toMatch(/^data:/);
    await expect(toImageInput(png(100, 100), { skipMinSide: true })).resolves.toMatch(/^data:/);
  });
  it('checks the 10 MB limit for base64 images', async () => {
    const big = png(1024, 1024, IMAGE_LIMITS.maxBase64DecodedBytes + 1);
    expect(await reason(toImageInput(big))).toMatch(/limit is 10 MB/);
    expect(await reason(toImageInput(new Blob([big as BlobPart])))).toMatch(/10 MB/);
    await expect(toImageInput(png(1024, 1024, IMAGE_LIMITS.maxBase64DecodedBytes))).resolves.toMatch(/^data:/);
  });
  it('validates data URLs: media type, base64, matching bytes', async () => {
    const ok = `data:image/png;base64,${b64(png(200, 200))}`;
    await expect(toImageInput(ok)).resolves.toBe(ok);
    await expect(toImageInput(`data:image/jpg;base64,${b64(jpeg(200, 200))}`)).resolves.toMatch(/^data:image\/jpg/);
    expect(await reason(toImageInput(`data:image/gif;base64,${b64(gif())}`))).toMatch(/image\/gif/);
    expect(await reason(toImageInput('data:image/png;base64,@@@'))).toMatch(/not valid base64/);
    expect(await reason(toImageInput(`data:image/png;base64,${b64(jpeg(200, 200))}`))).toBe('says image/png but the bytes are JPEG');
    expect(await reason(toImageInput('data:image/png,rawtext'))).toMatch(/data URL/);
    expect(await reason(toImageInput(`data:image/png;base64,${b64(png(50, 50))}`))).toMatch(/at least 128/);
  });
  it('refuses other input types clearly', async () => {
    expect(await reason(toImageInput(42 as never))).toMatch(/must be a URL string/);
  });
  it('names the input in the issue path', async () => {
    const err = await toImageInput(gif(), { name: 'subjects[0].images[1]' }).catch((e) => e);
    expect(err.issues[0].path).toBe('subjects[0].images[1]');
  });
});

describe('imageFromFile (node entry)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidukit-img-'));
    await writeFile(join(dir, 'ok.png'), png(256, 256));
    await writeFile(join(dir, 'photo.jpg'), jpeg(800, 600));
    await writeFile(join(dir, 'empty.png'), new Uint8Array());
    await writeFile(join(dir, 'fake.png'), gif());
    await writeFile(join(dir, 'big.png'), png(1024, 1024, IMAGE_LIMITS.maxBase64DecodedBytes + 10));
    await mkdir(join(dir, 'folder.png'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a file into a data URL', async () => {
    await expect(imageFromFile(join(dir, 'ok.png'))).resolves.toBe(`data:image/png;base64,${b64(png(256, 256))}`);
    await expect(imageFromFile(join(dir, 'photo.jpg'))).resolves.toMatch(/^data:image\/jpeg;base64,/);
  });
  it('gives clear errors', async () => {
    expect(await reason(imageFromFile(join(dir, 'missing.png')))).toBe('does not exist');
    expect(await reason(imageFromFile(join(dir, 'folder.png')))).toMatch(/is a directory/);
    expect(await reason(imageFromFile(join(dir, 'empty.png')))).toMatch(/empty \(0 bytes\)/);
    expect(await reason(imageFromFile(join(dir, 'fake.png')))).toMatch(/must be PNG, JPEG or WebP; the bytes are a GIF/);
    expect(await reason(imageFromFile(join(dir, 'big.png')))).toMatch(/10 MB/);
  });
});

describe('K4: truncated images and views into larger buffers', () => {
  it('a PNG cut after its header (no IDAT, no IEND) is refused', async () => {
    const whole = png(300, 200);
    expect(await reason(toImageInput(whole.slice(0, 33)))).toMatch(/truncated|incomplete/);
    expect(await reason(toImageInput(whole.slice(0, whole.length - 5)))).toMatch(/truncated|incomplete/);
  });
  it('a JPEG without its end marker and a WebP shorter than its RIFF size are refused', async () => {
    const j = jpeg(300, 200);
    expect(await reason(toImageInput(j.slice(0, j.length - 2)))).toMatch(/truncated|incomplete/);
    const w = webp(300, 200);
    const cut = w.slice(0, w.length - 4);
    expect(await reason(toImageInput(cut))).toMatch(/truncated|incomplete/);
  });
  it('a 16-byte PNG head that is a view into a larger complete PNG is refused (nothing read past the view)', async () => {
    const whole = png(300, 200);
    expect(await reason(toImageInput(whole.subarray(0, 16)))).not.toBe('resolved');
    expect(await reason(toImageInput(whole.subarray(0, 24)))).not.toBe('resolved');
  });
  it('a complete image that is a view into a larger buffer is accepted, encoding only the view', async () => {
    const whole = png(300, 200);
    const padded = new Uint8Array(whole.length + 100);
    padded.set(whole, 50);
    await expect(toImageInput(padded.subarray(50, 50 + whole.length))).resolves.toBe(`data:image/png;base64,${b64(whole)}`);
  });
});
