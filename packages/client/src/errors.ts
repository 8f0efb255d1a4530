/**
 * The error base class (`ViduError`) and the errors of a request body refused before sending
 * (validation, images). The errors of a request on its way (connection, timeout, abort, unknown
 * submit outcome, unreadable or oversized answers) are in transport-errors.ts; HTTP error
 * answers are in api-errors.ts.
 *
 * No message, stack, `toJSON()` or `util.inspect()` output carries an API key, and every
 * message is bounded (redact.ts). Errors are recognised across copies of this package (an ESM
 * and a CJS build in one process) by a brand: `isViduError(e)`, and `instanceof` checks the
 * brand and the class name instead of object identity.
 */
import { MAX_FIELD_CHARS, bound, redact, redactValue, safeText } from './redact.js';

const BRAND = Symbol.for('vidukit.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * True for an error thrown by any copy of vidukit (ESM or CJS build, any version with the brand).
 *
 * @example
 * ```ts
 * import { createViduClient, isViduError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.getTaskResult('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f').catch((error: unknown) => {
 *   if (isViduError(error)) console.log(error.name, error.taskId); // also for the other build, where instanceof fails
 * });
 * ```
 */
export function isViduError(value: unknown): value is ViduError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

const nameOf = (proto: object): unknown =>
  Object.hasOwn(proto, 'name') ? (proto as { name: unknown }).name : (proto as { constructor?: { name?: unknown } }).constructor?.name;

/** A stand-in for an arbitrary thrown value: name, message and code, all scrubbed and bounded. */
function safeCause(cause: unknown): Error | undefined {
  if (cause === undefined) return undefined;
  if (isViduError(cause)) return cause;
  const c = cause as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const name = typeof c?.name === 'string' ? c.name : 'Error';
  const message = typeof c?.message === 'string' ? c.message : typeof cause === 'string' ? cause : String(name);
  const err = new Error(safeText(message));
  err.name = safeText(name, 100);
  // Error.stack would show the original thrower's frames with the original message; keep ours.
  if (typeof c?.code === 'string' || typeof c?.code === 'number') (err as Error & { code?: unknown }).code = c.code;
  const inner = c && typeof c === 'object' && c.cause !== undefined && c.cause !== cause ? c.cause : undefined;
  if (inner !== undefined) Object.defineProperty(err, 'cause', { value: safeCause(inner), enumerable: false, configurable: true, writable: true });
  return err;
}

export interface ViduErrorOptions {
  cause?: unknown;
  taskId?: string;
  operation?: string;
}

/**
 * Base class of every error thrown by vidukit.
 *
 * @example
 * ```ts
 * import { createViduClient, ViduError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ1Reference({ images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }).catch((error: unknown) => {
 *   if (error instanceof ViduError) console.log(error.name, error.message, error.taskId); // never contains the API key
 * });
 * ```
 */
export class ViduError extends Error {
  /** The task concerned, when known. */
  taskId?: string;
  /** The operation id (`submitQ2ProFast`, `getTaskResult`, ...) that failed, when known. */
  operation?: string;

  constructor(message: string, options: ViduErrorOptions = {}) {
    super(safeText(message));
    // Our classes name themselves on the prototype (minifiers rename classes); others by class.
    if (!Object.hasOwn(new.target.prototype, 'name')) this.name = new.target.name;
    const cause = safeCause(options.cause);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
    if (options.taskId !== undefined) this.taskId = bound(options.taskId, 200);
    if (options.operation !== undefined) this.operation = options.operation;
    // Keep the message scrubbed even if a subclass or caller assigns it later.
    let msg = this.message;
    Object.defineProperty(this, 'message', {
      get: () => msg,
      set: (v: string) => {
        msg = safeText(String(v));
      },
      enumerable: false,
      configurable: true,
    });
  }

  /** Brand check plus class name along the prototype chain, so copies of the package agree. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (!isViduError(value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (a subclass too)
    const wanted = nameOf(this.prototype);
    for (let p = Object.getPrototypeOf(value); p; p = Object.getPrototypeOf(p)) if (nameOf(p) === wanted) return true;
    return false;
  }

  /** A plain, secret-free, bounded description for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) if (v !== undefined) out[k] = redactValue(v);
    const cause = (this as { cause?: unknown }).cause;
    if (isViduError(cause)) out.cause = cause.toJSON();
    else if (cause instanceof Error) out.cause = { name: cause.name, message: safeText(cause.message), ...('code' in cause ? { code: (cause as { code?: unknown }).code } : {}) };
    return out;
  }

  /** What Node's `util.inspect` (and so `console.log`) shows: the stack and the safe fields. */
  [INSPECT](): string {
    const { name: _n, message: _m, ...fields } = this.toJSON();
    const stack = redact(this.stack ?? `${this.name}: ${this.message}`);
    return Object.keys(fields).length ? `${stack} ${JSON.stringify(fields, null, 2)}` : stack;
  }
}
Object.defineProperty(ViduError.prototype, BRAND, { value: true });

/** Gives a class a fixed name on its prototype (survives minification, read by the policy). */
export function named<C extends abstract new (...args: never[]) => ViduError>(cls: C, name: string): C {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
  return cls;
}
named(ViduError, 'ViduError');

/** One problem found in a request body before anything was sent. */
export interface ValidationIssue {
  /** Where, like `subjects[0].images`; empty for the body itself. */
  path: string;
  /** What is wrong, for a person: `must have at least 1 item`. */
  message: string;
  /** The limit that was crossed: a number, a pattern or format, or the allowed values. */
  limit?: number | string | string[];
}

/**
 * A request body (or argument) the spec rejects. Nothing was sent.
 *
 * @example
 * ```ts
 * import { createViduClient, ValidationError } from '@vidukit/client';
 *
 * const client = createViduClient({ apiKey: process.env.VIDU_API_KEY });
 * await client.submitQ2ProFast({ prompt: '@1 waves', duration: 11, subjects: [] }).catch((error: unknown) => {
 *   if (error instanceof ValidationError) for (const i of error.issues) console.log(i.path, i.message, i.limit); // nothing was sent
 * });
 * ```
 */
export class ValidationError extends ViduError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], options: ViduErrorOptions = {}) {
    const list = issues.slice(0, 10).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    if (issues.length > 10) list.push(`and ${issues.length - 10} more`);
    const head = options.operation ? `Invalid request for ${options.operation}` : 'Invalid request';
    super(`${head} (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${list.join('; ')}`, options);
    this.issues = issues.slice(0, 100).map((i) => ({ ...i, path: bound(i.path, 200), message: safeText(i.message, MAX_FIELD_CHARS) }));
  }
}
named(ValidationError, 'ValidationError');

/**
 * An image the providers would reject (format, size, dimensions), caught before sending.
 *
 * @example
 * ```ts
 * import { ImageInputError, toImageInput } from '@vidukit/client';
 *
 * await toImageInput(new Uint8Array([0x47, 0x49, 0x46, 0x38])).catch((error: unknown) => {
 *   if (error instanceof ImageInputError) console.log(error.issues[0]?.message); // GIF: not PNG, JPEG or WebP
 * });
 * ```
 */
export class ImageInputError extends ValidationError {}
named(ImageInputError, 'ImageInputError');
