import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorized, withinRateLimit } from './access.js';
import { hex, type SimContext } from './context.js';
import { answer, countFault, drawFault, earlyFault } from './faults.js';
import { drain, error } from './reply.js';
import { renderTaskResult, taskState } from './tasks.js';
import { checkParameter, describeIssues } from './validate.js';

/** What the `unknownStatus` fault reports: a status a provider might add, absent from the spec. */
export const UNKNOWN_STATUS = 'TASK_STATUS_SOMETHING_NEW';

/** `GET` of the task-result operation: the task in its state at this moment on the clock. */
export async function readTaskResult(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  ctx.counts.requests.getTaskResult++;
  await drain(req);
  const fault = drawFault(ctx, 'read');
  if (fault && earlyFault(ctx, res, fault, 'read', 'GET_RESULT_FAILED', 'Failed to read the task result')) return;
  if (!authorized(ctx, req, res)) return;
  if (!withinRateLimit(ctx, res, 'getTaskResult', 'read')) return;

  const taskId = url.searchParams.get('task_id');
  if (taskId === null) {
    return error(ctx, res, 400, 'INVALID_REQUEST_BODY', 'task_id: the query parameter is required', {
      issues: [{ path: 'task_id', message: 'is required' }],
    });
  }
  const issues = checkParameter('task_id', ctx.taskIdSchema, taskId);
  if (issues.length > 0) return error(ctx, res, 400, 'INVALID_REQUEST_BODY', describeIssues(issues), { issues });
  const task = ctx.tasks.get(taskId);
  if (!task) return error(ctx, res, 404, 'TASK_NOT_FOUND', `Task not found: ${taskId}`);
  const now = ctx.opts.clock();
  const young = now - task.createdAt < ctx.opts.notFoundWindowMs;
  if (young) ctx.counts.eligibleReads.notFound++;
  if (fault === 'notFound' && young) {
    // A replica that has not seen the task yet: the same answer as for an unknown id.
    countFault(ctx, 'read', fault);
    return error(ctx, res, 404, 'TASK_NOT_FOUND', `Task not found: ${taskId}`);
  }

  const state = taskState(task, now, ctx.opts.queuedMs, ctx.opts.processingMs);
  let video: { url: string; ttlSeconds: number } | undefined;
  if (state.status === 'TASK_STATUS_SUCCEED') {
    // Like a signed CDN URL: every read hands out a fresh one with a full TTL.
    const token = hex(ctx.rng.tokens, 16);
    ctx.files.set(token, { taskId, expiresAt: now + ctx.opts.videoUrlTtlSeconds * 1000, format: task.video });
    video = { url: `${ctx.origin}/files/${token}.mp4`, ttlSeconds: ctx.opts.videoUrlTtlSeconds };
  }
  const body = renderTaskResult(task, state, ctx.opts, video);
  const unfinished = state.status === 'TASK_STATUS_QUEUED' || state.status === 'TASK_STATUS_PROCESSING';
  if (unfinished) ctx.counts.eligibleReads.unknownStatus++;
  if (fault === 'unknownStatus' && unfinished) {
    countFault(ctx, 'read', fault);
    (body.task as { status: string }).status = UNKNOWN_STATUS;
  }
  if (fault === 'numbersAsStrings') {
    countFault(ctx, 'read', fault);
    Object.assign(body.task, { eta: String(body.task.eta), progress_percent: String(body.task.progress_percent) });
  }
  return answer(ctx, res, 'read', fault, body);
}
