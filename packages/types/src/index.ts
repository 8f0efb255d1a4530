/**
 * Types of the Vidu async video API, generated from the OpenAPI document in `@vidukit/openapi`.
 * `paths`, `components` and `operations` are the raw openapi-typescript output (for
 * openapi-fetch); the aliases below give each body a name people can read. `OPERATIONS` is the
 * list of operations generated from the spec (see scripts/generate-operations.mjs).
 *
 * @packageDocumentation
 */
import type { components, operations } from './generated/openapi.js';

export type { components, operations, paths, webhooks } from './generated/openapi.js';

type Schemas = components['schemas'];

// The request bodies by name (Q2ProFastRequest, Q1ReferenceRequest, ...), one per submit
// operation of the spec, named so that type errors and hovers show the name.
export type * from './generated/operations.js';

/** A subject of a Q2 Pro Fast request: a name and its reference images. */
export type Q2ProFastSubject = Schemas['Q2ProFastSubject'];
/** A subject of a Q2 reference request: an id and its reference images. */
export type Q2ReferenceSubject = Schemas['Q2ReferenceSubject'];
/** One keyframe of a multi-frame request. */
export type Keyframe = Schemas['Keyframe'];

/** What a submit answers: the id of the created (and billed) task. */
export type SubmitResponse = Schemas['SubmitResponse'];
/** What the multi-frame and Q2 reference submits answer. */
export type SubmitResponseWithProviderId = Schemas['SubmitResponseWithProviderId'];

/** Body of `GET /v3/async/task-result`, as the provider sends it (before normalisation). */
export type TaskResult = Schemas['TaskResult'];
export type TaskInfo = Schemas['TaskInfo'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskExtra = Schemas['TaskExtra'];
export type VideoOutput = Schemas['VideoOutput'];
export type ImageOutput = Schemas['ImageOutput'];
export type AudioOutput = Schemas['AudioOutput'];

/** The `{code, reason, message, metadata}` body of an error response. */
export type ErrorBody = Schemas['ErrorBody'];
export type KnownErrorReason = Schemas['KnownErrorReason'];

export { OPERATIONS, OPERATION_EXAMPLES } from './generated/operations.js';
import { OPERATIONS, type SubmitRequestBodies } from './generated/operations.js';

/** One operation of the spec as `OPERATIONS` lists it. */
export type OperationInfo = (typeof OPERATIONS)[keyof typeof OPERATIONS];

/** The ids of the submit operations (every operation with a request body). */
export type SubmitOperationId = Extract<OperationInfo, { kind: 'submit' }>['operationId'];

/** The short model names tools use (`x-vidu-model` in the spec), e.g. `q2-pro-fast`. */
export type ModelName = Extract<OperationInfo, { kind: 'submit' }>['model'];

/** The submit operations, in the spec's order. */
export const SUBMIT_OPERATIONS: readonly Extract<OperationInfo, { kind: 'submit' }>[] = Object.values(OPERATIONS).filter(
  (op): op is Extract<OperationInfo, { kind: 'submit' }> => op.kind === 'submit',
);

/**
 * The submit operation a model name stands for, or undefined.
 *
 * @example
 * ```ts
 * import { operationForModel } from '@vidukit/types';
 *
 * const op = operationForModel('q2-pro-fast');
 * console.log(op?.operationId, op?.method, op?.path); // submitQ2ProFast POST /v3/async/viduq2-pro-fast
 * ```
 */
export function operationForModel(model: string): Extract<OperationInfo, { kind: 'submit' }> | undefined {
  return SUBMIT_OPERATIONS.find((op) => op.model === model);
}

/** All operation ids of the spec. */
export type OperationId = keyof operations;

/** The request body of a submit operation, by operation id: the named type (`Q1ReferenceRequest`, ...). */
export type SubmitRequestBody<Op extends SubmitOperationId> = SubmitRequestBodies[Op];

/** The 200 body of a submit operation, by operation id. */
export type SubmitResponseBody<Op extends SubmitOperationId> =
  operations[Op]['responses'][200]['content']['application/json'];
