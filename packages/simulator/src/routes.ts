import type { SubmitOperationId } from '@vidukit/types';
import { specSchemas, type JsonSchema } from './spec.js';

export type { SubmitOperationId };

export interface SubmitRoute {
  operationId: SubmitOperationId;
  path: string;
  /** The `task_type` the simulator reports (the spec does not state it yet; the real value is unconfirmed). */
  taskType: string;
  /** The spec's 200 answer carries `provider_request_id`. */
  providerRequestId: boolean;
  /** The request body's JSON Schema. */
  schema: JsonSchema;
}

// Not in the spec yet: the providers' task_type values for each model.
const TASK_TYPES: Record<string, string> = {
  submitQ2ProFast: 'VIDU_Q2_PRO_FAST',
  submitQ2ProMultiframe: 'VIDU_Q2_PRO_MULTIFRAME',
  submitQ1Reference: 'VIDU_Q1_REFERENCE2VIDEO',
  submitQ2Reference: 'VIDU_Q2_REFERENCE2VIDEO',
};

/** A `task_type` for an operation the table above does not know: its path in capitals. */
const taskTypeOf = (op: { operationId: string; path: string }) =>
  TASK_TYPES[op.operationId] ?? op.path.split('/').at(-1)!.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

let routes: { submit: Map<string, SubmitRoute>; taskResultPath: string } | undefined;

/** Every POST operation of the spec with a JSON body is a submit route; the GET one reads results. */
export function specRoutes(): { submit: Map<string, SubmitRoute>; taskResultPath: string } {
  if (routes) return routes;
  const spec = specSchemas();
  const submit = new Map<string, SubmitRoute>();
  let taskResultPath: string | undefined;
  for (const op of spec.operations) {
    if (op.method === 'POST' && op.request?.schema) {
      submit.set(op.path, {
        operationId: op.operationId as SubmitOperationId,
        path: op.path,
        taskType: taskTypeOf(op),
        providerRequestId: op.responses['200']?.schema === 'SubmitResponseWithProviderId.json',
        schema: spec.schema(op.request.schema),
      });
    } else if (op.method === 'GET' && op.operationId === 'getTaskResult') {
      taskResultPath = op.path;
    }
  }
  if (!taskResultPath) throw new Error('@vidukit/openapi lists no getTaskResult operation');
  routes = { submit, taskResultPath };
  return routes;
}
