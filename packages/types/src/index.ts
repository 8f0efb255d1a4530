/**
 * Types of the Vidu async video API, generated from the OpenAPI document in `@vidukit/openapi`.
 * `paths`, `components` and `operations` are the raw openapi-typescript output (for
 * openapi-fetch); the aliases below give each body a name people can read.
 */
import type { components, operations } from './generated/openapi.js';

export type { components, operations, paths, webhooks } from './generated/openapi.js';

type Schemas = components['schemas'];
/** A schema of the spec by name. */
type Schema<Name extends keyof Schemas> = Schemas[Name];

// Named types, so that type errors and hovers say `Q1ReferenceRequest` instead of printing the
// whole object type; the fields, and their descriptions, are the spec's. TypeScript prints an
// alias of a schema (or an empty interface extending it) as the inline object, so each is the
// schema intersected with one optional member under a symbol nobody can name: invisible to
// completion, never required, and assignable both ways to the spec's type. (Not interfaces:
// those lose the implicit index signature that object types have.)
declare const named: unique symbol;
type Named = { readonly [named]?: never };

/** Body of `POST /v3/async/viduq2-pro-fast`. */
export type Q2ProFastRequest = Schema<'Q2ProFastRequest'> & Named;
/** Body of `POST /v3/async/vidu-q2-pro-multiframe`. */
export type Q2ProMultiframeRequest = Schema<'Q2ProMultiframeRequest'> & Named;
/** Body of `POST /v3/async/vidu-q1-reference2video`. */
export type Q1ReferenceRequest = Schema<'Q1ReferenceRequest'> & Named;
/** Body of `POST /v3/async/vidu-q2-reference2video`. */
export type Q2ReferenceRequest = Schema<'Q2ReferenceRequest'> & Named;

/** A subject of a Q2 Pro Fast request: a name and its reference images. */
export type Q2ProFastSubject = Schema<'Q2ProFastSubject'> & Named;
/** A subject of a Q2 reference request: an id and its reference images. */
export type Q2ReferenceSubject = Schema<'Q2ReferenceSubject'> & Named;
/** One keyframe of a multi-frame request. */
export type Keyframe = Schema<'Keyframe'> & Named;

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

/** The ids of the four submit operations. */
export type SubmitOperationId =
  | 'submitQ2ProFast'
  | 'submitQ2ProMultiframe'
  | 'submitQ1Reference'
  | 'submitQ2Reference';

/** All operation ids of the spec. */
export type OperationId = keyof operations;

/** The named request body of each submit operation. */
export interface SubmitRequestBodies {
  submitQ2ProFast: Q2ProFastRequest;
  submitQ2ProMultiframe: Q2ProMultiframeRequest;
  submitQ1Reference: Q1ReferenceRequest;
  submitQ2Reference: Q2ReferenceRequest;
}

/** The request body of a submit operation, by operation id (the same type the spec's operation takes). */
export type SubmitRequestBody<Op extends SubmitOperationId> = SubmitRequestBodies[Op];

/** The 200 body of a submit operation, by operation id. */
export type SubmitResponseBody<Op extends SubmitOperationId> =
  operations[Op]['responses'][200]['content']['application/json'];
