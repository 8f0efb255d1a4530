/**
 * The errors of a request on its way: it could not be delivered (connection), took too long
 * (timeout), was aborted, may have created a task (unknown submit outcome), or came back
 * unreadable or oversized.
 */
import { ViduError, named, type ViduErrorOptions } from './errors.js';
import { bound } from './redact.js';

/**
 * The request could not be delivered or its response could not be read.
 *
 * @example
 * ```ts
 * import { createViduClient, ConnectionError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof ConnectionError) console.log(error.code, error.beforeSend); // e.g. ECONNREFUSED true
 * });
 * ```
 */
export class ConnectionError extends ViduError {
  /** The low-level code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, ...), when known. */
  readonly code?: string;
  /** True when the failure happened before the request left the machine (refused, DNS). */
  readonly beforeSend: boolean;
  constructor(message: string, options: ViduErrorOptions & { code?: string; beforeSend?: boolean } = {}) {
    super(message, options);
    if (options.code !== undefined) this.code = options.code;
    this.beforeSend = options.beforeSend ?? false;
  }
}
named(ConnectionError, 'ConnectionError');

/**
 * One attempt (the request and reading its answer) took longer than `timeoutMs`.
 *
 * @example
 * ```ts
 * import { createViduClient, TimeoutError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY, timeoutMs: 5_000 });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof TimeoutError) console.log(`no answer within ${error.timeoutMs} ms`);
 * });
 * ```
 */
export class TimeoutError extends ViduError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options: ViduErrorOptions = {}) {
    super(`${options.operation ?? 'request'} timed out after ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}
named(TimeoutError, 'TimeoutError');

/**
 * The caller's `AbortSignal` fired.
 *
 * @example
 * ```ts
 * import { AbortError, createViduClient } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f', { signal: AbortSignal.timeout(1) }).catch((error: unknown) => {
 *   if (error instanceof AbortError) console.log('stopped by the caller');
 * });
 * ```
 */
export class AbortError extends ViduError {
  /** True when the request may already have reached the server. */
  readonly requestSent?: boolean;
  constructor(message = 'The operation was aborted', options: ViduErrorOptions & { requestSent?: boolean } = {}) {
    super(message, options);
    if (options.requestSent) this.requestSent = true;
  }
}
named(AbortError, 'AbortError');

/**
 * A submit whose request may have reached the server but whose answer was lost (timeout,
 * connection reset, abort after sending, 5xx, unreadable answer). The task may exist and be
 * billed, so it is not retried (unless `retrySubmitOnAmbiguousFailure` is set). Check your
 * provider's dashboard before resubmitting.
 *
 * @example
 * ```ts
 * import { createViduClient, SubmitOutcomeUnknownError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof SubmitOutcomeUnknownError) console.log('a billed task may exist: check the dashboard before resubmitting', error.message);
 * });
 * ```
 */
export class SubmitOutcomeUnknownError extends ViduError {
  /** The HTTP status when there was one. */
  readonly status?: number;
  constructor(options: ViduErrorOptions & { status?: number; detail?: string }) {
    super(
      `${options.operation ?? 'submit'}: the request may have reached the server but the answer was lost` +
        `${options.detail ? ` (${bound(options.detail, 600)})` : ''}; the task may exist and be billed, so it was not retried`,
      options,
    );
    if (options.status !== undefined) this.status = options.status;
  }
}
named(SubmitOutcomeUnknownError, 'SubmitOutcomeUnknownError');

/**
 * The server answered, but the body is not JSON or not the documented shape.
 *
 * @example
 * ```ts
 * import { createViduClient, InvalidResponseError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof InvalidResponseError) console.log('unreadable answer, HTTP', error.status); // e.g. a proxy's HTML
 * });
 * ```
 */
export class InvalidResponseError extends ViduError {
  /** The HTTP status of the answer. */
  readonly status?: number;
  constructor(message: string, options: ViduErrorOptions & { status?: number } = {}) {
    super(message, options);
    if (options.status !== undefined) this.status = options.status;
  }
}
named(InvalidResponseError, 'InvalidResponseError');

/**
 * The answer (decoded) was larger than `maxResponseBytes`; reading stopped there.
 *
 * @example
 * ```ts
 * import { createViduClient, ResponseTooLargeError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (error instanceof ResponseTooLargeError) console.log(`answer over ${error.limitBytes} bytes: not read`);
 * });
 * ```
 */
export class ResponseTooLargeError extends InvalidResponseError {
  readonly limitBytes: number;
  constructor(limitBytes: number, options: ViduErrorOptions & { status?: number } = {}) {
    super(
      `${options.operation ?? 'request'}: the answer is larger than ${limitBytes} bytes (the client's maxResponseBytes); reading stopped there`,
      options,
    );
    this.limitBytes = limitBytes;
  }
}
named(ResponseTooLargeError, 'ResponseTooLargeError');
