import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleVideoPath, startSimulator, type SimulatorHandle } from '../src/index.js';
import { bodies, expectSpec, getResult, manualClock, paths, post, specOperations } from './helpers.js';

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('auth', () => {
  it('answers 401 without a key, 403 with a wrong one, and serves the right one, on every operation', async () => {
    sim = await startSimulator({ apiKey: 'sk-test' });
    const missing = await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast);
    expect(missing.status).toBe(401);
    expect(expectSpec('ErrorBody', await missing.json())).toMatchObject({ code: 401, reason: 'MISSING_API_KEY' });

    const wrong = await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(403);
    expect(expectSpec('ErrorBody', await wrong.json())).toMatchObject({ code: 403, reason: 'INVALID_API_KEY' });

    const ok = await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast, { Authorization: 'Bearer sk-test' });
    expect(ok.status).toBe(200);
    const { task_id } = expectSpec('SubmitResponse', await ok.json());

    const readMissing = await getResult(sim.url, task_id);
    expect(readMissing.status).toBe(401);
    expectSpec('ErrorBody', await readMissing.json());
    const readWrong = await getResult(sim.url, task_id, { Authorization: 'Bearer nope' });
    expect(readWrong.status).toBe(403);
    const read = await getResult(sim.url, task_id, { Authorization: 'Bearer sk-test' });
    expect(read.status).toBe(200);
    expectSpec('TaskResult', await read.json());
    expect(sim.counts().tasksCreated).toBe(1);
  });

  it('accepts any key, or none, when no key is configured', async () => {
    sim = await startSimulator();
    expect((await post(sim.url, paths.submitQ1Reference, bodies.submitQ1Reference)).status).toBe(200);
    expect((await post(sim.url, paths.submitQ1Reference, bodies.submitQ1Reference, { Authorization: 'Bearer x' })).status).toBe(200);
  });
});

describe('not found and bad queries', () => {
  it('answers 404 TASK_NOT_FOUND, 404 API_NOT_FOUND and 400 for a missing task_id', async () => {
    sim = await startSimulator();
    const task = await getResult(sim.url, 'no-such-task');
    expect(task.status).toBe(404);
    expect(expectSpec('ErrorBody', await task.json())).toMatchObject({ code: 404, reason: 'TASK_NOT_FOUND' });

    for (const [method, path] of [['GET', '/v3/async/nope'], ['GET', paths.submitQ2ProFast], ['POST', '/v3/async/task-result'], ['GET', '/']]) {
      const res = await fetch(`${sim.url}${path}`, { method: method! });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(expectSpec('ErrorBody', await res.json())).toMatchObject({ code: 404, reason: 'API_NOT_FOUND' });
    }

    for (const query of ['', '?task_id=']) {
      const res = await fetch(`${sim.url}/v3/async/task-result${query}`);
      expect(res.status).toBe(400);
      const body = expectSpec('ErrorBody', await res.json());
      expect(body).toMatchObject({ code: 400, reason: 'INVALID_REQUEST_BODY' });
      expect(body.message).toContain('task_id');
    }
    expect(sim.counts().requests).toMatchObject({ notFound: 4, getTaskResult: 3 });
  });
});

describe('task ids', () => {
  it('refuses, with 400 naming task_id, every id the spec\'s parameter schema refuses', async () => {
    sim = await startSimulator();
    const schema = specOperations.find((op) => op.operationId === 'getTaskResult')!.parameters!.find((p) => p.name === 'task_id')!.schema;
    const bad: string[] = [];
    if (schema.minLength) bad.push('x'.repeat(schema.minLength - 1));
    if (schema.maxLength) bad.push('x'.repeat(schema.maxLength + 1));
    // A sample the pattern refuses, when it refuses this one (the spec's pattern refuses only lone
    // surrogates, which no URL can carry: percent-decoding makes them U+FFFD).
    const sample = 'has spaces\u0007';
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(sample)) bad.push(sample);
    expect(bad.length).toBeGreaterThan(0);
    for (const id of bad) {
      const res = await getResult(sim.url, id);
      expect(res.status, JSON.stringify(id)).toBe(400);
      const body = expectSpec('ErrorBody', await res.json());
      expect(body).toMatchObject({ code: 400, reason: 'INVALID_REQUEST_BODY' });
      expect(body.message).toMatch(/^task_id: /);
    }
  });
});

describe('CORS', () => {
  it('answers a preflight and marks every response for any origin', async () => {
    sim = await startSimulator({ apiKey: 'k' });
    const pre = await fetch(`${sim.url}${paths.submitQ2ProFast}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');

    const res = await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast, { Authorization: 'Bearer k', Origin: 'http://localhost:5173' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const err = await getResult(sim.url, 'x');
    expect(err.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('video files', () => {
  const asset = readFileSync(sampleVideoPath());

  async function succeeded(s: SimulatorHandle, clock: ReturnType<typeof manualClock>) {
    const { task_id } = await (await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast)).json();
    clock.advance(10_000);
    const r = expectSpec('TaskResult', await (await getResult(s.url, task_id)).json());
    return { taskId: task_id as string, url: r.videos![0]!.video_url, ttl: r.videos![0]!.video_url_ttl };
  }

  it('is a small real MP4 asset', () => {
    expect(asset.length).toBeGreaterThan(10_000);
    expect(asset.length).toBeLessThan(100_000);
    expect(asset.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('serves the MP4 (videoFile) with its length, a valid ftyp header, ranges and HEAD', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock, videoFile: sampleVideoPath() });
    const { url } = await succeeded(sim, clock);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(asset.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(asset)).toBe(true);
    expect(bytes.readUInt32BE(0)).toBeGreaterThanOrEqual(8);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const part = await fetch(url, { headers: { Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-length')).toBe('100');
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${asset.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(asset.subarray(0, 100))).toBe(true);

    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(asset.subarray(asset.length - 10))).toBe(true);

    const open = await fetch(url, { headers: { Range: `bytes=${asset.length - 5}-` } });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe(`bytes ${asset.length - 5}-${asset.length - 1}/${asset.length}`);
    await open.arrayBuffer();

    const bad = await fetch(url, { headers: { Range: `bytes=${asset.length}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${asset.length}`);
    await bad.arrayBuffer();

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(asset.length));

    const unknown = await fetch(`${sim.url}/files/${'0'.repeat(32)}.mp4`);
    expect(unknown.status).toBe(404);
    await unknown.arrayBuffer();
    expect(sim.counts().requests.downloadVideo).toBe(7);
  });

  it('expires the URL after its TTL with 403; reading the task again gives a fresh, working URL', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock, videoUrlTtlSeconds: 30, videoFile: sampleVideoPath() });
    const first = await succeeded(sim, clock);
    expect(first.ttl).toBe('30');
    expect((await fetch(first.url)).status).toBe(200);

    clock.advance(29_000);
    const stillOk = await fetch(first.url);
    expect(stillOk.status).toBe(200);
    await stillOk.arrayBuffer();

    clock.advance(1_000);
    const expired = await fetch(first.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);

    const again = expectSpec('TaskResult', await (await getResult(sim.url, first.taskId)).json());
    const fresh = again.videos![0]!.video_url;
    expect(fresh).not.toBe(first.url);
    const ok = await fetch(fresh);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).length).toBe(asset.length);
  });

  it('expires on the real clock too', async () => {
    sim = await startSimulator({ queuedMs: 0, processingMs: 0, videoUrlTtlSeconds: 0.15 });
    const { task_id } = await (await post(sim.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
    const r = expectSpec('TaskResult', await (await getResult(sim.url, task_id)).json());
    const url = r.videos![0]!.video_url;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    await expired.text();
  });
});

describe('video URLs', () => {
  /** A GET with a Host header of the caller's choosing (fetch does not let one set it). */
  const getWithHost = (url: string, host: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(url, { headers: { Host: host } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });

  it('point at its own address whatever Host the request names', async () => {
    sim = await startSimulator({ queuedMs: 0, processingMs: 0 });
    const { task_id } = await (await post(sim.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
    const result = expectSpec('TaskResult', JSON.parse(await getWithHost(`${sim.url}/v3/async/task-result?task_id=${task_id}`, 'evil.example:8443')));
    expect(result.videos![0]!.video_url.startsWith(`${sim.url}/files/`)).toBe(true);
  });

  it('use publicUrl when given, and reject one that is not http(s)', async () => {
    sim = await startSimulator({ queuedMs: 0, processingMs: 0, publicUrl: 'https://sim.example.test:4010/' });
    const { task_id } = await (await post(sim.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
    const result = expectSpec('TaskResult', await (await getResult(sim.url, task_id)).json());
    expect(result.videos![0]!.video_url).toMatch(/^https:\/\/sim\.example\.test:4010\/files\/[0-9a-f]{32}\.mp4$/);
    await expect(startSimulator({ publicUrl: 'ftp://x' })).rejects.toThrow(/publicUrl must be an http\(s\) URL/);
  });
});

describe('admin endpoints', () => {
  it('exposes counts and tasks over HTTP and resets', async () => {
    sim = await startSimulator();
    await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast);
    const counts = await (await fetch(`${sim.url}/__simulator/counts`)).json();
    expect(counts).toEqual(sim.counts());
    expect(counts.tasksCreated).toBe(1);
    const tasks = await (await fetch(`${sim.url}/__simulator/tasks`)).json();
    expect(tasks).toHaveLength(1);
    expect((await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(sim.counts().tasksCreated).toBe(0);
    expect(sim.tasks()).toEqual([]);
    sim.reset();
  });
});
