import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FAULT_SCOPES, startSimulator, type FaultKind } from '../src/index.js';
import { bodies, expectSpec, getResult, manualClock, paths, post } from './helpers.js';
import { type Outcome, observe, simulators, submit, tally } from './observe.js';

const start = simulators();

describe('seeded faults on submit, one kind at a time', () => {
  const RATE = 0.25;
  // slowDrip on a submit has its own test below.
  for (const kind of FAULT_KINDS.filter((k) => FAULT_SCOPES[k].includes('submit') && k !== 'slowDrip')) {
    it(`${kind}: observed at about ${RATE}, counted, and tasks created only when accepted`, async () => {
      const n = kind === 'stall' ? 40 : 120;
      const s = await start({ seed: 7, faults: { submit: { [kind]: RATE } } });
      const outcomes: Outcome[] = [];
      for (let i = 0; i < n; i++) outcomes.push(await observe(submit(s), 'SubmitResponse', kind === 'stall' ? 250 : 5000));
      const t = tally(outcomes);
      const seenKind = kind === 'resetBeforeAccept' || kind === 'resetAfterAccept' ? 'reset' : kind;
      const injected = t[seenKind] ?? 0;
      expect(Object.keys(t).sort()).toEqual([seenKind, 'ok'].sort());
      expect(Math.abs(injected / n - RATE)).toBeLessThan(0.12);

      const c = s.counts();
      expect(c.faults[kind]).toBe(injected);
      expect(c.faultsByScope.submit[kind]).toBe(injected);
      expect(c.submitAttempts).toBe(n);
      expect(c.requests.submitQ2ProFast).toBe(n);
      // Accepted-then-lost submits still create (billable) tasks; the others do not.
      const createsTask = kind === 'resetAfterAccept' || kind === 'malformedJson';
      expect(c.tasksCreated).toBe(t.ok! + (createsTask ? injected : 0));
      if (kind === 'rateLimitedRetryAfter') expect(c.responses['429']).toBe(injected);
    });
  }
});

describe('seeded faults on reads', () => {
  it('mixes every read fault by its rate, leaves submits alone, and counts each', async () => {
    const clock = manualClock();
    const kinds = FAULT_KINDS.filter((k) => FAULT_SCOPES[k].includes('read') && k !== 'stall');
    const rates = Object.fromEntries(kinds.map((k) => [k, 0.075])) as Record<FaultKind, number>;
    const s = await start({ seed: 3, clock, slowDripMs: 40, faults: { read: rates } });
    const created = await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast);
    expect(created.status).toBe(200);
    const { task_id } = expectSpec('SubmitResponse', await created.json());
    const n = 400;
    const outcomes: Outcome[] = [];
    const early: Outcome[] = [];
    for (let i = 0; i < n; i++) {
      if (i === n / 2) clock.advance(10_000); // the second half reads a task that is old and has succeeded
      const o = await observe((signal) => fetch(`${s.url}/v3/async/task-result?task_id=${task_id}`, { signal }), 'TaskResult');
      outcomes.push(o);
      if (i < n / 2) early.push(o);
    }
    const t = tally(outcomes);
    const c = s.counts();
    expect(t.other).toBeUndefined();
    for (const kind of kinds) {
      const seen = t[kind === 'resetBeforeAccept' ? 'reset' : kind] ?? 0;
      expect(c.faultsByScope.read[kind], kind).toBe(seen);
      // notFound hits only a young task, unknownStatus only an unfinished one: the first half.
      const window = kind === 'notFound' || kind === 'unknownStatus' ? n / 2 : n;
      expect(seen, kind).toBeGreaterThan(0);
      expect(Math.abs(seen / window - rates[kind]), kind).toBeLessThan(0.06);
      if (window < n) expect(tally(early)[kind], kind).toBe(seen);
    }
    expect(c.faultsByScope.submit.serverError).toBe(0);
    // Their bases: the reads of the young, unfinished task that got past the early faults.
    expect(c.eligibleReads.notFound).toBe(c.eligibleReads.unknownStatus + c.faultsByScope.read.notFound);
    expect(c.eligibleReads.notFound).toBeGreaterThan(0);
    expect(c.eligibleReads.notFound).toBeLessThan(n / 2);
    expect(c.requests.getTaskResult).toBe(n);
    expect(c.tasksCreated).toBe(1);
  });

  it('notFound: the task exists, is hidden while young, and is readable once older than notFoundWindowMs', async () => {
    const clock = manualClock();
    const s = await start({ clock, notFoundWindowMs: 500, faults: { read: { notFound: 1 } } });
    const { task_id } = await (await post(s.url, paths.submitQ1Reference, bodies.submitQ1Reference)).json();
    const young = await getResult(s.url, task_id);
    expect(young.status).toBe(404);
    expect(expectSpec('ErrorBody', await young.json())).toMatchObject({ code: 404, reason: 'TASK_NOT_FOUND' });
    clock.advance(500);
    const old = await getResult(s.url, task_id);
    expect(old.status).toBe(200);
    expect(expectSpec('TaskResult', await old.json()).task.task_id).toBe(task_id);
    expect(s.counts().faultsByScope.read.notFound).toBe(1);
  });

  it('500 on a read is GET_RESULT_FAILED, on a submit CREATE_TASK_FAILED', async () => {
    const s = await start({ faults: { serverError: 1 } });
    const sub = await post(s.url, paths.submitQ1Reference, bodies.submitQ1Reference);
    expect(sub.status).toBe(500);
    expect(expectSpec('ErrorBody', await sub.json())).toMatchObject({ code: 500, reason: 'CREATE_TASK_FAILED' });
    const read = await getResult(s.url, 'x');
    expect(read.status).toBe(500);
    expect(expectSpec('ErrorBody', await read.json())).toMatchObject({ code: 500, reason: 'GET_RESULT_FAILED' });
  });

  it('429 with Retry-After sends the configured seconds', async () => {
    const s = await start({ retryAfterSeconds: 3, faults: { read: { rateLimitedRetryAfter: 1 } } });
    const res = await getResult(s.url, 'x');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(expectSpec('ErrorBody', await res.json())).toMatchObject({ reason: 'RATE_LIMIT_EXCEEDED' });
  });
});

describe('determinism', () => {
  it('gives the same faults for the same seed, whatever else is requested in between', async () => {
    const run = async (readsBetween: number) => {
      const s = await start({ seed: 11, faults: { serverError: 0.3, rateLimited: 0.2 } });
      const out: Outcome[] = [];
      for (let i = 0; i < 40; i++) {
        out.push(await observe(submit(s), 'SubmitResponse'));
        for (let j = 0; j < readsBetween; j++) await (await getResult(s.url, 'x')).text();
      }
      return out;
    };
    const a = await run(0);
    expect(await run(2)).toEqual(a);
    const other = await start({ seed: 12, faults: { serverError: 0.3, rateLimited: 0.2 } });
    const b: Outcome[] = [];
    for (let i = 0; i < 40; i++) b.push(await observe(submit(other), 'SubmitResponse'));
    expect(b).not.toEqual(a);
  });

  it('reset() restarts the streams', async () => {
    const s = await start({ seed: 5, faults: { serverError: 0.5 } });
    const first: Outcome[] = [];
    for (let i = 0; i < 20; i++) first.push(await observe(submit(s), 'SubmitResponse'));
    s.reset();
    const second: Outcome[] = [];
    for (let i = 0; i < 20; i++) second.push(await observe(submit(s), 'SubmitResponse'));
    expect(second).toEqual(first);
  });
});

describe('per-minute rate limit', () => {
  it('limits each endpoint separately and reopens after the minute', async () => {
    const clock = manualClock();
    const s = await start({ clock, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast)).status).toBe(200);
    clock.advance(20_000);
    const limited = await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(expectSpec('ErrorBody', await limited.json())).toMatchObject({ code: 429, reason: 'RATE_LIMIT_EXCEEDED' });
    // Another endpoint has its own window.
    expect((await post(s.url, paths.submitQ1Reference, bodies.submitQ1Reference)).status).toBe(200);
    expect((await getResult(s.url, s.tasks()[0]!.taskId)).status).toBe(200);
    clock.advance(40_000);
    expect((await post(s.url, paths.submitQ2ProFast, bodies.submitQ2ProFast)).status).toBe(200);
    const c = s.counts();
    expect(c.faults.rateLimitExceeded).toBe(1);
    expect(c.tasksCreated).toBe(5);
  });
});

describe('option checks', () => {
  it('rejects rates out of range, unknown kinds and sums above 1', async () => {
    await expect(startSimulator({ faults: { serverError: 2 } })).rejects.toThrow(/0 to 1/);
    await expect(startSimulator({ faults: { submit: { nope: 0.1 } as never } })).rejects.toThrow(/unknown fault kind/);
    await expect(startSimulator({ faults: { serverError: 0.6, submit: { stall: 0.6 } } })).rejects.toThrow(/sum must be <= 1/);
    await expect(startSimulator({ failureRate: -1 })).rejects.toThrow(/failureRate/);
    await expect(startSimulator({ faults: { submit: { notJson: 0.1 } } })).rejects.toThrow(/notJson applies to read only, not to faults.submit/);
    await expect(startSimulator({ faults: { read: { stalledDownload: 0.1 } } })).rejects.toThrow(/applies to download only/);
    await expect(startSimulator({ slowDripMs: -5 })).rejects.toThrow(/slowDripMs/);
  });

  it('applies a top-level kind only where it applies: notJson on reads, not on submits', async () => {
    const s = await start({ faults: { notJson: 1 } });
    expect(await observe(submit(s), 'SubmitResponse')).toBe('ok');
    expect(await observe((signal) => fetch(`${s.url}/v3/async/task-result?task_id=x`, { signal }), 'TaskResult')).toBe('notJson');
    // Only read-scope kinds count towards the read sum: 0.6 + 0.6 is fine when one applies to submits only.
    await expect(startSimulator({ faults: { resetAfterAccept: 0.6, notJson: 0.6 } }).then((x) => x.close())).resolves.toBeUndefined();
  });
});
