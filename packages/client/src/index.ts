/**
 * @vidukit/client: typed fetch client for Vidu video generation on Novita-compatible providers.
 * Browser-safe: uses only fetch and Web APIs. File paths live in `@vidukit/client/node`.
 *
 * @packageDocumentation
 */
export {
  ViduError,
  isViduError,
  ValidationError,
  ImageInputError,
} from './errors.js';
export {
  ConnectionError,
  TimeoutError,
  AbortError,
  SubmitOutcomeUnknownError,
  InvalidResponseError,
  ResponseTooLargeError,
} from './transport-errors.js';
export type { ViduErrorOptions, ValidationIssue } from './errors.js';
export {
  ApiError,
  AuthenticationError,
  PermissionDeniedError,
  InsufficientBalanceError,
  BadRequestError,
  NotFoundError,
  TaskNotFoundError,
  RateLimitError,
  ServerError,
  createApiError,
} from './api-errors.js';
export type { ApiErrorInit, ApiErrorSource } from './api-errors.js';
export { redact, redactDeep, registerSecret } from './redact.js';
export { printable, escapeUnsafe } from './printable.js';
/** The transport policy: https anywhere, http only to this machine (also applied to downloads). */
export { isAllowedUrl, isLoopbackHost } from './net.js';
export * from './types.js';
export { normalizeTaskResult } from './normalize.js';
export type { NormalizedTaskResult, NormalizedOutput, NormalizedAudioOutput } from './normalize.js';
export type {
  SubmitOperationId,
  SubmitRequestBody,
  SubmitResponse,
  SubmitResponseWithProviderId,
  TaskResult,
  TaskStatus,
  Q2ProFastRequest,
  Q2ProMultiframeRequest,
  Q1ReferenceRequest,
  Q2ReferenceRequest,
} from '@vidukit/types';
export { createViduClient, responseOf, PROVIDER_BASE_URLS } from './client.js';
export { validateRequest, checkRequest, checkTaskId } from './validate.js';
export {
  isRetryable,
  mayHaveCreatedTask,
  retryDelay,
  retryAfterOf,
  shouldRetry,
  outcomeOf,
  outcomeMayHaveCreatedTask,
  parseRetryAfter,
} from './policy.js';
export type { AttemptOutcome, RequestKind, RetryDelayOptions, RetryPolicyOptions } from './policy.js';
export { sleep } from './sleep.js';
export { toImageInput, sniffImageFormat, inspectImageBytes, bytesToDataUrl, IMAGE_LIMITS } from './images.js';
export type { ImageFormat, ImageInfo, ImageInputOptions } from './images.js';
