import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorized, withinRateLimit } from './access.js';
import { hex, randomUuid, type SimContext } from './context.js';
import { answer, countFault, drawFault, earlyFault } from './faults.js';
import { error, readBody, resetSocket } from './reply.js';
import type { SubmitRoute } from './routes.js';
import { promptsOf, type SimulatedTask } from './tasks.js';
import { checkSubmitBody, describeIssues } from './validate.js';

/** `POST` of a submit operation: validate like the provider, create the task, answer its id. */
export async function submit(ctx: SimContext, req: IncomingMessage, res: ServerResponse, route: SubmitRoute): Promise<void> {
  ctx.counts.requests[route.operationId]++;
  ctx.counts.submitAttempts++;
  const raw = await readBody(req, ctx.opts.maxBodyBytes);
  const fault = drawFault(ctx, 'submit');
  if (fault && earlyFault(ctx, res, fault, 'submit', 'CREATE_TASK_FAILED', 'Failed to create the task')) return;
  if (!authorized(ctx, req, res)) return;
  if (!withinRateLimit(ctx, res, route.operationId, 'submit')) return;

  if (raw === undefined) {
    return error(ctx, res, 400, 'INVALID_REQUEST_BODY', `request body exceeds ${ctx.opts.maxBodyBytes} bytes`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return error(ctx, res, 400, 'INVALID_REQUEST_BODY', 'request body is not valid JSON');
  }
  const issues = checkSubmitBody(route, body);
  if (issues.length > 0) return error(ctx, res, 400, 'INVALID_REQUEST_BODY', describeIssues(issues), { issues });

  const task = createTask(ctx, route, body);
  const reply: Record<string, string> = { task_id: task.taskId };
  if (route.providerRequestId) reply.provider_request_id = `req_${hex(ctx.rng.ids, 8)}`;

  // The task exists (and a provider would bill it) whatever happens to the answer now.
  if (fault === 'resetAfterAccept') {
    countFault(ctx, 'submit', fault);
    return resetSocket(ctx, res);
  }
  return answer(ctx, res, 'submit', fault, reply);
}

function createTask(ctx: SimContext, route: SubmitRoute, body: unknown): SimulatedTask {
  const requested = (body as { seed?: unknown }).seed;
  const seed = typeof requested === 'number' ? requested : Math.floor(ctx.rng.tasks() * 2 ** 31);
  // Always draw, so the failure stream does not shift with the prompts.
  const unlucky = ctx.rng.tasks() < ctx.opts.failureRate;
  const marker = ctx.opts.failMarker;
  const marked = marker !== '' && promptsOf(body).some((p) => p.includes(marker));
  const task: SimulatedTask = {
    taskId: randomUuid(ctx.rng.ids),
    operationId: route.operationId,
    taskType: route.taskType,
    body,
    createdAt: ctx.opts.clock(),
    seed,
    failReason: marked ? `simulated failure: the prompt contains ${marker}` : unlucky ? 'simulated failure: failureRate' : undefined,
    video: ctx.videos.formatFor(route.schema, body),
  };
  ctx.tasks.set(task.taskId, task);
  ctx.counts.tasksCreated++;
  return task;
}
