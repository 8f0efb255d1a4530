import { createViduClient, SubmitOutcomeUnknownError, type ViduClient } from '@vidukit/client';
import type { SubmitRequestBody } from '@vidukit/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { seededRandom } from '../src/random.js';
import { WaitAbortedError, WaitTimeoutError } from '../src/errors.js';
import { generate, type GenerateResult } from '../src/generate.js';
import type { PollRequestOptions, TaskReader, TaskSubmitter } from '../src/types.js';
import { ManualClock, TASK, httpError, raw, scriptedClient } from './helpers.js';

const body: SubmitRequestBody<'submitQ1Reference'> = { images: ['https://example.com/a.png'], prompt: 'a cat' };

function fakeClient(_clock: ManualClock, log: string[], steps = [raw('TASK_STATUS_QUEUED'), raw('TASK_STATUS_PROCESSING', { progress: 50 }), raw('TASK_STATUS_SUCCEED')]) {
  let polls = 0;
  return {
    submitSignal: undefined as AbortSignal | undefined,
    async submit(op: string, _body: unknown, opts?: PollRequestOptions) {
      log.push(`submit ${op}`);
      this.submitSignal = opts?.signal;
      return { task_id: TASK, provider_request_id: 'prov-1' };
    },
    async getTaskResult(taskId: string) {
      log.push(`poll ${taskId}`);
      return steps[Math.min(polls++, steps.length - 1)]!;
    },
  };
}

describe('generate', () => {
  it('submits, calls onSubmitted before the first poll, reports progress, resolves typed', async () => {
    const clock = new ManualClock(0);
    const log: string[] = [];
    const client = fakeClient(clock, log);
    const result = await clock.run(
      generate(client, 'submitQ1Reference', body, {
        clock,
        random: seededRandom(1),
        onSubmitted: async (id, res) => {
          await Promise.resolve();
          log.push(`saved ${id} ${res.provider_request_id}`);
        },
        onProgress: (u) => log.push(`progress ${u.status} ${u.progressPercent ?? ''}`),
      }),
    );
    expect(log.slice(0, 3)).toEqual(['submit submitQ1Reference', `saved ${TASK} prov-1`, `poll ${TASK}`]);
    expect(log).toContain('progress TASK_STATUS_PROCESSING 50');
    expect(result.status).toBe('TASK_STATUS_SUCCEED');
    expect(result.submitted.task_id).toBe(TASK);
  });

  it('an error from onSubmitted carries the task id; no poll is made', async () => {
    const log: string[] = [];
    const clock = new ManualClock(0);
    const error = await generate(fakeClient(clock, log), 'submitQ1Reference', body, {
      clock,
      onSubmitted: () => {
        throw new Error('db down');
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'db down', taskId: TASK });
    expect(log).toEqual(['submit submitQ1Reference']);
  });

  it('an abort during onSubmitted stops before the first poll, with the task id', async () => {
    const log: string[] = [];
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const error = await generate(fakeClient(clock, log), 'submitQ1Reference', body, {
      clock,
      signal: controller.signal,
      onSubmitted: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(error).toMatchObject({ taskId: TASK });
    expect(log).toEqual(['submit submitQ1Reference']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('an abort during the submit aborts the request and leaves no timer', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const client = {
      submit: (_op: string, _b: unknown, opts?: PollRequestOptions) =>
        new Promise<{ task_id: string }>((_r, reject) => {
          seen = opts?.signal;
          opts?.signal?.addEventListener('abort', () => reject(new Error('aborted by signal')));
        }),
      getTaskResult: async () => raw('TASK_STATUS_SUCCEED'),
    };
    const promise = generate(client, 'submitQ1Reference', body, { clock, signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    await expect(promise).rejects.toThrow('aborted by signal');
    expect(seen?.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('one deadline covers the submit and the polls', async () => {
    const clock = new ManualClock(0);
    const client = {
      async submit() {
        await new Promise<void>((r) => clock.setTimeout(r, 4000)); // a slow submit
        return { task_id: TASK };
      },
      getTaskResult: async () => raw('TASK_STATUS_PROCESSING'),
    };
    const error = await clock.run(generate(client, 'submitQ1Reference', body, { clock, random: seededRandom(2), timeoutMs: 10_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ taskId: TASK, lastStatus: 'TASK_STATUS_PROCESSING', timeoutMs: 10_000 });
    expect(clock.now()).toBe(10_000);
  });

  it('a deadline during a hanging submit rejects with WaitTimeoutError', async () => {
    const clock = new ManualClock(0);
    const client = {
      submit: (_op: string, _b: unknown, opts?: PollRequestOptions) =>
        new Promise<{ task_id: string }>((_r, reject) => opts?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
      getTaskResult: async () => raw('TASK_STATUS_SUCCEED'),
    };
    const error = await clock.run(generate(client, 'submitQ1Reference', body, { clock, timeoutMs: 5000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
  });

  it('passes a submit error through untouched (never resubmits)', async () => {
    let submits = 0;
    const client = {
      async submit() {
        submits++;
        throw new SubmitOutcomeUnknownError({ operation: 'submitQ1Reference' });
      },
      getTaskResult: async () => raw('TASK_STATUS_SUCCEED'),
    };
    await expect(generate(client, 'submitQ1Reference', body)).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
    expect(submits).toBe(1);
  });

  it('is typed per operation, and a real ViduClient fits the structural interface', () => {
    expectTypeOf<ViduClient>().toExtend<TaskReader & TaskSubmitter>();
    const client = createViduClient({ apiKey: 'test-key-0123456789', baseUrl: 'http://127.0.0.1:9' });
    // Type-level only: the calls below are never made.
    const call = () => generate(client, 'submitQ1Reference', body);
    expectTypeOf(call).returns.resolves.toEqualTypeOf<GenerateResult<'submitQ1Reference'>>();
    expectTypeOf<GenerateResult<'submitQ2Reference'>['submitted']>().toHaveProperty('provider_request_id');
    // @ts-expect-error: a Q1 body is not a multi-frame body
    void (() => generate(client, 'submitQ2ProMultiframe', body));
  });
});

describe('generate: the 404 grace starts when the task id is known', () => {
  it('a submit answered after 20 s still gets the full grace for a task not yet readable (eventual consistency)', async () => {
    const clock = new ManualClock(0);
    const reader = scriptedClient(clock, [httpError(404, 'TaskNotFoundError'), httpError(404, 'TaskNotFoundError'), raw('TASK_STATUS_SUCCEED')]);
    const client = {
      // A slow provider: the submit's answer comes 20 s after the request.
      async submit() {
        clock.advance(20_000);
        return { task_id: TASK };
      },
      getTaskResult: reader.getTaskResult.bind(reader),
    };
    const result = await clock.run(generate(client, 'submitQ1Reference', body, { clock, random: seededRandom(1), notFoundGraceMs: 15_000 }));
    expect(result.status).toBe('TASK_STATUS_SUCCEED');
    expect(reader.calls).toHaveLength(3);
  });

  it('a 404 after the grace (counted from the submit answer) still ends the wait, with the task id', async () => {
    const clock = new ManualClock(0);
    const reader = scriptedClient(clock, [httpError(404, 'TaskNotFoundError')]);
    const client = {
      async submit() {
        clock.advance(20_000);
        return { task_id: TASK };
      },
      getTaskResult: reader.getTaskResult.bind(reader),
    };
    const error = await clock.run(generate(client, 'submitQ1Reference', body, { clock, random: seededRandom(1), notFoundGraceMs: 5_000 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TaskNotFoundError', taskId: TASK });
    // Retried through the grace: more than one poll, the last within 5 s (+ one retry delay) of the answer.
    expect(reader.calls.length).toBeGreaterThan(1);
    expect(reader.calls.at(-1)!.at - 20_000).toBeLessThan(5_000 + 60_000);
  });
});
