import { describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { bodies, expectSpec, getResult, paths, post } from './helpers.js';
import { type Outcome, observe, simulators, submit } from './observe.js';

const start = simulators();

describe('downloads', () => {
  async function videoUrl(s: SimulatorHandle) {
    const { task_id } = await (await post(s.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
    const r = expectSpec('TaskResult', await (await getResult(s.url, task_id)).json());
    return r.videos![0]!.video_url;
  }

  it('can truncate a download (full Content-Length announced, half sent)', async () => {
    const s = await start({ queuedMs: 0, processingMs: 0, faults: { download: { malformedJson: 1 } } });
    const res = await fetch(await videoUrl(s));
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(s.counts().faultsByScope.download.malformedJson).toBe(1);
  });

  it('applies download faults only to downloads', async () => {
    const s = await start({ queuedMs: 0, processingMs: 0, faults: { download: { serverError: 1 } } });
    const url = await videoUrl(s);
    expect((await fetch(url)).status).toBe(500);
    expect(s.counts().faults.serverError).toBe(1);
  });

  it('slowDrip: the whole video arrives, in pieces spread over slowDripMs', async () => {
    const plain = await start({ seed: 1, queuedMs: 0, processingMs: 0 });
    const reference = Buffer.from(await (await fetch(await videoUrl(plain))).arrayBuffer());
    const s = await start({ seed: 1, queuedMs: 0, processingMs: 0, slowDripMs: 80, faults: { download: { slowDrip: 1 } } });
    const res = await fetch(await videoUrl(s));
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(reference.length);
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    // The same video (MP4 headers carry a creation time, so compare its size and container).
    const got = Buffer.concat(parts);
    expect(got.length).toBe(reference.length);
    expect(got.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(parts.length).toBeGreaterThanOrEqual(8);
    expect(s.counts().faultsByScope.download.slowDrip).toBe(1);
  });

  it('stalledDownload: headers and the first bytes of the video, then nothing until close()', async () => {
    const s = await startSimulator({ queuedMs: 0, processingMs: 0, faults: { download: { stalledDownload: 1 } } });
    const res = await fetch(await videoUrl(s));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const total = Number(res.headers.get('content-length'));
    const reader = res.body!.getReader();
    let received = 0;
    const head: Uint8Array[] = [];
    // Read what was sent; the next read stays pending (nothing more comes) until the simulator closes.
    let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
    while (!pending) {
      const next = reader.read();
      const first = await Promise.race([next, new Promise<'idle'>((r) => setTimeout(() => r('idle'), 300))]);
      if (first === 'idle') pending = next;
      else if (first.done) throw new Error('the stalled download ended');
      else {
        received += first.value.byteLength;
        head.push(first.value);
      }
    }
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(total);
    // What came is the start of a real MP4, so a client's container check passes before the stall.
    expect(Buffer.concat(head).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const c = s.counts();
    expect(c.faultsByScope.download.stalledDownload).toBe(1);
    expect(c.responses.stalled).toBe(1);
    await s.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('slow drips on API answers', () => {
  it('a dripped submit answer arrives in pieces, complete and valid; the task is created once', async () => {
    const s = await start({ seed: 2, slowDripMs: 40, faults: { submit: { slowDrip: 1 } } });
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await observe(submit(s), 'SubmitResponse', 5000));
    expect(outcomes).toEqual(Array(5).fill('slowDrip'));
    const c = s.counts();
    expect(c.faultsByScope.submit.slowDrip).toBe(5);
    expect(c.tasksCreated).toBe(5);
  });
});

describe('stalls and close()', () => {
  it('closes promptly with stalled requests pending, and the client sees the connection end', async () => {
    const s = await startSimulator({ faults: { stall: 1 } });
    const pending = [
      post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast).then(() => 'answered', () => 'failed'),
      getResult(s.url, 'x').then(() => 'answered', () => 'failed'),
    ];
    while (s.counts().responses.stalled !== 2) await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(await Promise.all(pending)).toEqual(['failed', 'failed']);
    expect(s.counts().tasksCreated).toBe(0);
    await s.close(); // idempotent
  });

  it('closes promptly with idle keep-alive connections open', async () => {
    const s = await startSimulator();
    await (await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast)).text();
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

