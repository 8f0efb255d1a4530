/**
 * Issue 15: polling does not classify errors itself. For each kind of client error, a wait
 * retries the poll exactly when @vidukit/client's `isRetryable` says a read may be repeated.
 */
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  isRetryable,
  PermissionDeniedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@vidukit/client';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/random.js';
import { fixedSchedule } from '../src/schedule.js';
import { waitForTask } from '../src/wait.js';
import { ManualClock, raw, scriptedClient, TASK } from './helpers.js';

const op = { operation: 'getTaskResult', taskId: TASK };
const errors: [string, Error][] = [
  ['ServerError 502', new ServerError({ status: 502, ...op })],
  ['ServerError 500', new ServerError({ status: 500, ...op })],
  ['a 408', new BadRequestError({ status: 408, ...op })],
  ['ConnectionError (reset)', new ConnectionError('socket hang up', { ...op, code: 'ECONNRESET' })],
  ['ConnectionError (refused)', new ConnectionError('connect ECONNREFUSED', { ...op, code: 'ECONNREFUSED', beforeSend: true })],
  ['TimeoutError', new TimeoutError(1000, op)],
  ['InvalidResponseError (truncated 200)', new InvalidResponseError('not JSON', { ...op, status: 200 })],
  ['ResponseTooLargeError', new ResponseTooLargeError(4 << 20, { ...op, status: 200 })],
  ['AuthenticationError 401', new AuthenticationError({ status: 401, ...op })],
  ['PermissionDeniedError 403', new PermissionDeniedError({ status: 403, ...op })],
  ['BadRequestError 400', new BadRequestError({ status: 400, ...op })],
  ['ValidationError', new ValidationError([{ path: 'task_id', message: 'bad' }], op)],
];

describe('a failed poll is retried exactly when the client\'s policy says so', () => {
  it.each(errors)('%s', async (_name, error) => {
    const clock = new ManualClock(0);
    const client = scriptedClient(clock, [error, raw('TASK_STATUS_SUCCEED')]);
    const outcome = await clock
      .run(waitForTask(client, TASK, { clock, random: seededRandom(1), schedule: fixedSchedule(1000), maxConsecutiveErrors: 1 }))
      .then(() => 'retried and succeeded', (e: unknown) => (e === error ? 'ended with that error' : `ended with ${(e as Error).name}`));
    expect(outcome).toBe(isRetryable(error, { kind: 'read' }) ? 'retried and succeeded' : 'ended with that error');
  });

  it('the sample covers both answers', () => {
    const verdicts = new Set(errors.map(([, e]) => isRetryable(e, { kind: 'read' })));
    expect(verdicts).toEqual(new Set([true, false]));
  });
});
