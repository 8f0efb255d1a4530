import { OPERATIONS, SUBMIT_OPERATIONS, type OperationInfo, type SubmitOperationId } from '@vidukit/types';
import { specSchemas, type JsonSchema } from './spec.js';

export type { SubmitOperationId };

export interface SubmitRoute {
  operationId: SubmitOperationId;
  path: string;
  /** The `task_type` the spec gives the operation (`x-vidu-task-type`). */
  taskType: string;
  /** The spec's 200 answer carries `provider_request_id`. */
  providerRequestId: boolean;
  /** The request body's JSON Schema, as @vidukit/openapi publishes it. */
  schema: JsonSchema;
}

interface Routes {
  submit: Map<string, SubmitRoute>;
  taskResultPath: string;
  /** The spec's schema of the task-result operation's `task_id` (a non-empty string at least). */
  taskIdSchema: JsonSchema;
}

let routes: Routes | undefined;

/** The simulator's routes: every operation of the spec's generated list, nothing of its own. */
export function specRoutes(): Routes {
  if (routes) return routes;
  const spec = specSchemas();
  const submit = new Map<string, SubmitRoute>();
  for (const op of SUBMIT_OPERATIONS) {
    submit.set(op.path, {
      operationId: op.operationId,
      path: op.path,
      taskType: op.taskType,
      providerRequestId: op.responseSchema === 'SubmitResponseWithProviderId',
      schema: spec.schema(`${op.requestSchema}.json`),
    });
  }
  const read = (Object.values(OPERATIONS) as OperationInfo[]).find((op) => op.kind === 'read');
  if (!read) throw new Error('the spec lists no task-result operation');
  const taskIdSchema = spec.parameter(read.operationId, 'task_id') ?? { type: 'string', minLength: 1 };
  routes = { submit, taskResultPath: read.path, taskIdSchema };
  return routes;
}
