// The video a task makes matches its request: duration, and resolution / aspect ratio where the
// model has them. Checked with mp4box (GPAC's parser), not with the library that wrote the file.
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { expectSpec, getResult, manualClock, paths, post } from './helpers.js';

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function probe(bytes: Buffer): { seconds: number; width: number; height: number; codec: string; frames: number } {
  const file = createFile();
  let info: Movie | undefined;
  file.onReady = (movie) => {
    info = movie;
  };
  file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 0));
  file.flush();
  const track = info?.videoTracks[0];
  if (!info || !track) throw new Error('not an MP4 with a video track');
  return { seconds: info.duration / info.timescale, width: track.video!.width, height: track.video!.height, codec: track.codec, frames: track.nb_samples };
}

async function videoOf(s: SimulatorHandle, clock: ReturnType<typeof manualClock>, path: string, body: unknown) {
  const created = await post(s.url, path, body);
  expect(created.status, await created.clone().text()).toBe(200);
  const { task_id } = await created.json();
  clock.advance(10_000);
  const result = expectSpec('TaskResult', await (await getResult(s.url, task_id)).json());
  const res = await fetch(result.videos![0]!.video_url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('video/mp4');
  return probe(Buffer.from(await res.arrayBuffer()));
}

const image = 'https://example.com/a.png';
const cases: { name: string; op: keyof typeof paths; body: unknown; want: { seconds: number; width: number; height: number } }[] = [
  {
    name: 'Q2 Pro Fast, 8 s at 1080p 16:9',
    op: 'submitQ2ProFast',
    body: { prompt: '@1 runs', duration: 8, resolution: '1080p', aspect_ratio: '16:9', subjects: [{ name: '1', images: [image] }] },
    want: { seconds: 8, width: 1920, height: 1080 },
  },
  {
    name: 'Q2 Pro Fast, the defaults (720p) in 9:16',
    op: 'submitQ2ProFast',
    body: { prompt: '@1 runs', duration: 3, aspect_ratio: '9:16', subjects: [{ name: '1', images: [image] }] },
    want: { seconds: 3, width: 720, height: 1280 },
  },
  {
    name: 'multi-frame, segments end to end (3 + default 5 + 2) at 540p',
    op: 'submitQ2ProMultiframe',
    body: { start_image: image, resolution: '540p', image_settings: [{ key_image: image, duration: 3 }, { key_image: image }, { key_image: image, duration: 2 }] },
    want: { seconds: 10, width: 960, height: 540 },
  },
  {
    name: 'Q1 reference, 5 s at 1080p 1:1',
    op: 'submitQ1Reference',
    body: { images: [image], prompt: 'a cat', aspect_ratio: '1:1' },
    want: { seconds: 5, width: 1080, height: 1080 },
  },
  {
    name: 'Q2 reference, 1 s at 720p 4:3',
    op: 'submitQ2Reference',
    body: { prompt: '@1 waves', duration: 1, resolution: '720p', aspect_ratio: '4:3', subjects: [{ id: '1', images: [image] }] },
    want: { seconds: 1, width: 960, height: 720 },
  },
];

describe('the video matches the request', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const clock = manualClock();
    sim = await startSimulator({ clock });
    const video = await videoOf(sim, clock, paths[c.op], c.body);
    expect({ seconds: video.seconds, width: video.width, height: video.height }).toEqual(c.want);
    expect(video.codec).toMatch(/^avc1\./);
    expect(video.frames).toBe(24 * c.want.seconds);
  });

  it('gives an uncommon aspect ratio the nearest one it has', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock });
    const body = { prompt: '@1', duration: 2, resolution: '1080p', aspect_ratio: '17:9', subjects: [{ name: '1', images: [image] }] };
    expect(await videoOf(sim, clock, paths.submitQ2ProFast, body)).toMatchObject({ seconds: 2, width: 1920, height: 1080 });
  });
});

describe('task ids', () => {
  it('differ between two simulators unless both are given the same seed', async () => {
    const ids = async (seed?: number) => {
      const s = await startSimulator(seed === undefined ? {} : { seed });
      const { task_id } = await (await post(s.url, paths.submitQ1Reference, { images: [image], prompt: 'x' })).json();
      await s.close();
      return task_id as string;
    };
    expect(await ids()).not.toBe(await ids());
    expect(await ids(5)).toBe(await ids(5));
  });
});
