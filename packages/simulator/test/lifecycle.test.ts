import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { bodies, expectSpec, getResult, manualClock, paths, post } from './helpers.js';

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('submit', () => {
  it('accepts each operation with a body the spec allows and answers the spec shape', async () => {
    sim = await startSimulator();
    for (const op of Object.keys(paths) as (keyof typeof paths)[]) {
      const res = await post(sim.url, paths[op], bodies[op]);
      expect(res.status, op).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = await res.json();
      const withProvider = op === 'submitQ2ProMultiframe' || op === 'submitQ2Reference';
      expectSpec(withProvider ? 'SubmitResponseWithProviderId' : 'SubmitResponse', body);
      expect(body.task_id).toMatch(/^[0-9a-f-]{36}$/);
      if (withProvider) expect(body.provider_request_id).toMatch(/^req_/);
    }
    const c = sim.counts();
    expect(c.tasksCreated).toBe(4);
    expect(c.submitAttempts).toBe(4);
    expect(c.requests.submitQ2ProFast).toBe(1);
    expect(sim.tasks().map((t) => t.operationId)).toEqual(Object.keys(paths));
  });

  it('rejects a body the spec rejects with 400 INVALID_REQUEST_BODY naming the fields, and creates no task', async () => {
    sim = await startSimulator();
    const res = await post(sim.url, paths.submitQ2ProFast, { ...bodies.submitQ2ProFast, duration: 11, subjects: [] });
    expect(res.status).toBe(400);
    const body = expectSpec('ErrorBody', await res.json());
    expect(body).toMatchObject({ code: 400, reason: 'INVALID_REQUEST_BODY' });
    expect(body.message).toContain('duration');
    expect(body.message).toContain('subjects');
    expect(body.metadata.issues.length).toBeGreaterThanOrEqual(2);
    expect(sim.counts()).toMatchObject({ tasksCreated: 0, submitAttempts: 1 });
  });

  it('rejects unknown fields and a body that is not JSON', async () => {
    sim = await startSimulator();
    const extra = await post(sim.url, paths.submitQ1Reference, { ...bodies.submitQ1Reference, colour: 'red' });
    expect(extra.status).toBe(400);
    expectSpec('ErrorBody', await extra.json());
    const broken = await post(sim.url, paths.submitQ1Reference, '{"images": [');
    expect(broken.status).toBe(400);
    const body = expectSpec('ErrorBody', await broken.json());
    expect(body.message).toMatch(/not valid JSON/);
  });
});

describe('task lifecycle', () => {
  it('moves queued -> processing (progress rising, eta falling) -> succeeded on the injected clock', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock, queuedMs: 1000, processingMs: 3000 });
    const { task_id } = await (await post(sim.url, paths.submitQ2ProFast, bodies.submitQ2ProFast)).json();

    const read = async () => {
      const res = await getResult(sim!.url, task_id);
      expect(res.status).toBe(200);
      return expectSpec('TaskResult', await res.json());
    };
    const queued = await read();
    expect(queued.task).toMatchObject({ task_id, status: 'TASK_STATUS_QUEUED', reason: '', progress_percent: 0, eta: 4 });
    expect(queued.videos).toEqual([]);

    const seen: { progress: number; eta: number }[] = [];
    for (const step of [1200, 800, 800]) {
      clock.advance(step);
      const r = await read();
      expect(r.task.status).toBe('TASK_STATUS_PROCESSING');
      seen.push({ progress: Number(r.task.progress_percent), eta: Number(r.task.eta) });
    }
    expect(seen.map((s) => s.progress)).toEqual([6, 33, 60]);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.progress).toBeGreaterThan(seen[i - 1]!.progress);
      expect(seen[i]!.eta).toBeLessThanOrEqual(seen[i - 1]!.eta);
    }

    clock.advance(1200);
    const done = await read();
    expect(done.task).toMatchObject({ status: 'TASK_STATUS_SUCCEED', progress_percent: 100, eta: 0, reason: '' });
    expect(done.videos).toHaveLength(1);
    expect(done.videos![0]!.video_url).toMatch(new RegExp(`^${sim.url}/files/[0-9a-f]{32}\\.mp4$`));
    expect(done.videos![0]).toMatchObject({ video_url_ttl: '3600', video_type: 'mp4' });
    expect(done.extra?.debug_info?.submit_time_ms).toBe(String(clock() - 4000));
    expect(sim.tasks()[0]).toMatchObject({ status: 'TASK_STATUS_SUCCEED', progressPercent: 100 });
  });

  it('finishes on the real clock with a short timeline', async () => {
    sim = await startSimulator({ queuedMs: 50, processingMs: 150 });
    const { task_id } = await (await post(sim.url, paths.submitQ2Reference, bodies.submitQ2Reference)).json();
    const statuses: string[] = [];
    for (;;) {
      const r = expectSpec('TaskResult', await (await getResult(sim.url, task_id)).json());
      statuses.push(r.task.status);
      if (r.task.status === 'TASK_STATUS_SUCCEED') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statuses[0]).toBe('TASK_STATUS_QUEUED');
    expect(statuses).toContain('TASK_STATUS_PROCESSING');
  });

  it('echoes the request seed in extra.seed', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock, queuedMs: 0, processingMs: 0 });
    const { task_id } = await (await post(sim.url, paths.submitQ1Reference, { ...bodies.submitQ1Reference, seed: 77 })).json();
    const r = expectSpec('TaskResult', await (await getResult(sim.url, task_id)).json());
    expect(r.extra?.seed).toBe('77');
  });

  it('fails a task whose prompt contains [fail], with a reason, as HTTP 200', async () => {
    const clock = manualClock();
    sim = await startSimulator({ clock });
    const { task_id } = await (
      await post(sim.url, paths.submitQ2ProMultiframe, {
        ...bodies.submitQ2ProMultiframe,
        image_settings: [{ key_image: 'https://example.com/a.png', prompt: 'boom [fail]' }, { key_image: 'https://example.com/b.png' }],
      })
    ).json();
    clock.advance(2000);
    const mid = expectSpec('TaskResult', await (await getResult(sim.url, task_id)).json());
    expect(mid.task.status).toBe('TASK_STATUS_PROCESSING');
    clock.advance(5000);
    const res = await getResult(sim.url, task_id);
    expect(res.status).toBe(200);
    const r = expectSpec('TaskResult', await res.json());
    expect(r.task.status).toBe('TASK_STATUS_FAILED');
    expect(r.task.reason).toMatch(/\[fail\]/);
    expect(r.videos).toEqual([]);
  });

  it('fails about failureRate of tasks, the same ones for the same seed', async () => {
    const run = async () => {
      const clock = manualClock();
      const s = await startSimulator({ clock, failureRate: 0.3, seed: 42, queuedMs: 0, processingMs: 0 });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const { task_id } = await (await post(s.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
        const r = expectSpec('TaskResult', await (await getResult(s.url, task_id)).json());
        outcomes.push(r.task.status);
      }
      await s.close();
      return outcomes;
    };
    const a = await run();
    const failed = a.filter((s) => s === 'TASK_STATUS_FAILED').length;
    expect(failed).toBeGreaterThan(18);
    expect(failed).toBeLessThan(42);
    expect(await run()).toEqual(a);
  });
});
