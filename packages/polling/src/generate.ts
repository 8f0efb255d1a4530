/**
 * Submit and wait in one call, typed per operation.
 */
import type { SubmitOperationId, SubmitRequestBody, SubmitResponseBody } from '@vidukit/types';
import { callAt, systemClock } from './clock.js';
import { WaitTimeoutError, withTaskId } from './errors.js';
import type { SucceededTask, TaskReader, TaskSubmitter, WaitOptions } from './types.js';
import { checkTimeout, DEFAULT_TIMEOUT_MS, waitForTask } from './wait.js';

export interface GenerateOptions extends Omit<WaitOptions, 'startedAt'> {
  /**
   * Runs (and is awaited) after the submit succeeded and before the first poll, so the task id
   * can be stored: if the process dies, the task (already billed) can be waited for again.
   * If it throws, `generate` rejects with that error, with `taskId` set.
   */
  onSubmitted?: (taskId: string, response: { task_id: string; provider_request_id?: string }) => void | Promise<void>;
}

/** What `generate` resolves with: the succeeded result plus what the submit answered. */
export type GenerateResult<Op extends SubmitOperationId = SubmitOperationId> = SucceededTask & {
  /** The submit's answer (`task_id`, and `provider_request_id` where the operation gives one). */
  submitted: SubmitResponseBody<Op>;
};

/**
 * Submits `body` to `operation` and waits for the task. `timeoutMs` is one deadline for the
 * submit, every poll and every retry together. Errors after the submit carry the task id; an
 * error from the submit itself is the client's (a `SubmitOutcomeUnknownError` means the task
 * may exist: it is not resubmitted). The 404 grace (`notFoundGraceMs`, default 15000) counts
 * from the submit's answer.
 *
 * @example
 * ```ts
 * import { createViduClient } from '@vidukit/client';
 * import { generate } from '@vidukit/polling';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * const result = await generate(client, 'submitQ2ProFast', {
 *   prompt: '@1 waves at the camera',
 *   duration: 5,
 *   subjects: [{ name: '1', images: ['https://example.com/person.png'] }],
 * });
 * console.log(result.taskId, result.videos[0]?.url);
 * ```
 */
export async function generate<Op extends SubmitOperationId>(
  client: TaskSubmitter & TaskReader,
  operation: Op,
  body: SubmitRequestBody<Op>,
  options: GenerateOptions = {},
): Promise<GenerateResult<Op>> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  // The submit shares the deadline: a controller that the caller's signal and the deadline abort.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // callAt, not one setTimeout: a deadline beyond 2^31-1 ms (~24.8 days) would fire at once.
  const cancelDeadline = callAt(clock, startedAt + timeoutMs, () =>
    controller.abort(new WaitTimeoutError('(not yet submitted)', undefined, timeoutMs)),
  );
  let submitted: { task_id: string; provider_request_id?: string };
  try {
    // Submits are never retried here: a retry after the server accepted would bill twice.
    submitted = await client.submit(operation, body, { signal: controller.signal });
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof WaitTimeoutError) throw reason;
    throw error;
  } finally {
    cancelDeadline();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const taskId = submitted?.task_id;
  if (typeof taskId !== 'string' || taskId === '') {
    throw new TypeError(`${operation}: the submit answered without a task_id`);
  }
  try {
    await options.onSubmitted?.(taskId, submitted);
  } catch (error) {
    throw withTaskId(error, taskId);
  }
  const elapsed = clock.now() - startedAt;
  const remaining = timeoutMs - elapsed;
  if (!(remaining > 0)) throw new WaitTimeoutError(taskId, undefined, timeoutMs);
  const { onSubmitted: _ignored, ...waitOptions } = options;
  let result: SucceededTask;
  try {
    result = await waitForTask(client, taskId, {
      ...waitOptions,
      // The wait's age counts from before the submit; the 404 grace from the answer, when the
      // task became known (a slow submit must not use up the grace of a task not yet readable).
      notFoundGraceMs: (options.notFoundGraceMs ?? 15_000) + elapsed,
      clock,
      startedAt,
      timeoutMs: remaining,
    });
  } catch (error) {
    // Report the caller's whole deadline, not what was left of it after the submit.
    if (error instanceof WaitTimeoutError) throw new WaitTimeoutError(taskId, error.lastStatus, timeoutMs);
    throw error;
  }
  return Object.assign(result, { submitted: submitted as SubmitResponseBody<Op> });
}
