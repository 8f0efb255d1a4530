import { ValidationError } from '@vidukit/client';
import { describe, expect, it } from 'vitest';
import { createPollScheduler } from '../src/scheduler.js';
import { waitForMany, waitForTask, watchTask } from '../src/wait.js';
import { ManualClock, raw, scriptedClient } from './helpers.js';

describe('task ids are checked by the client\'s rule before anything is scheduled', () => {
  const bad: [string, unknown][] = [
    ['empty', ''],
    ['not a string', 42],
    ['100,000 characters', 'x'.repeat(100_000)],
    // Control characters are not refused: they travel percent-encoded, and a provider's hostile
    // id must still be pollable (the CLI neutralises it when printing, issue 14 P11).
    ['a lone low surrogate', 'task-\udc00'],
    ['a lone surrogate', 'task-\ud800'],
  ];
  it.each(bad)('%s: ValidationError naming task_id, no request', async (_name, id) => {
    const clock = new ManualClock(0);
    const client = scriptedClient(clock, [raw('TASK_STATUS_SUCCEED')]);
    for (const start of [
      () => waitForTask(client, id as string, { clock }),
      () => watchTask(client, id as string, { clock }),
      () => waitForMany(client, [id as string], { clock }),
      () => createPollScheduler(client, { clock }).wait(id as string),
    ]) {
      // Thrown at once or as the rejection of the returned promise: either way, before a poll.
      let error: unknown;
      try {
        const r = start();
        if (r instanceof Promise) await r.catch((e: unknown) => (error = e));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]).toMatchObject({ path: 'task_id' });
    }
    expect(client.calls).toHaveLength(0);
  });
});
