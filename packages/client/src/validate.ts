/**
 * Request validation with the validators compiled from the spec at build time
 * (scripts/generate-validators.mjs). Nothing here knows a limit: every constraint, and the
 * number in every message, comes from the generated code.
 */
import { parameter_TaskId, requestOperationIds, requestValidators, type AjvError, type CompiledValidator } from './generated/validators.js';
import type { ValidationIssue } from './errors.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `/subjects/0/images` -> `subjects[0].images` (JSON Pointer, ~0 ~1 unescaped). */
export function pointerToPath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return pathOf(parts);
}

/** Path segments -> `subjects[0].images`; a segment over 100 characters is shortened. */
function pathOf(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.length > 100 ? `${raw.slice(0, 40)}…(${raw.length} characters)` : raw;
    if (/^(0|[1-9]\d*)$/.test(part)) out += `[${part}]`;
    else if (IDENT.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One Ajv error -> one issue a person can read. */
function toIssue(e: AjvError): ValidationIssue {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required':
      return { path: pointerToPath(e.instancePath, String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: pointerToPath(e.instancePath, String(p.additionalProperty)), message: 'is not a known field' };
    case 'minItems':
      return { path: pointerToPath(e.instancePath), message: `must have at least ${plural(Number(p.limit), 'item')}`, limit: Number(p.limit) };
    case 'maxItems':
      return { path: pointerToPath(e.instancePath), message: `must have at most ${plural(Number(p.limit), 'item')}`, limit: Number(p.limit) };
    case 'minLength':
      return { path: pointerToPath(e.instancePath), message: `must be at least ${plural(Number(p.limit), 'character')} long`, limit: Number(p.limit) };
    case 'maxLength':
      return { path: pointerToPath(e.instancePath), message: `must be at most ${plural(Number(p.limit), 'character')} long`, limit: Number(p.limit) };
    case 'minimum':
      return { path: pointerToPath(e.instancePath), message: `must be at least ${p.limit}`, limit: Number(p.limit) };
    case 'maximum':
      return { path: pointerToPath(e.instancePath), message: `must be at most ${p.limit}`, limit: Number(p.limit) };
    case 'exclusiveMinimum':
      return { path: pointerToPath(e.instancePath), message: `must be more than ${p.limit}`, limit: Number(p.limit) };
    case 'exclusiveMaximum':
      return { path: pointerToPath(e.instancePath), message: `must be less than ${p.limit}`, limit: Number(p.limit) };
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
      const message = allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(', ')}`;
      return { path: pointerToPath(e.instancePath), message, limit: allowed };
    }
    case 'const': {
      const v = typeof p.allowedValue === 'string' ? p.allowedValue : JSON.stringify(p.allowedValue);
      return { path: pointerToPath(e.instancePath), message: `must be ${v}`, limit: [v] };
    }
    case 'type': {
      const types = String(p.type).split(',');
      const names = types.map((t) => TYPE_NAMES[t] ?? t);
      return { path: pointerToPath(e.instancePath), message: `must be ${names.join(' or ')}`, limit: types.length === 1 ? types[0]! : types };
    }
    case 'pattern':
      return { path: pointerToPath(e.instancePath), message: `must match the pattern ${p.pattern}`, limit: String(p.pattern) };
    case 'format':
      return { path: pointerToPath(e.instancePath), message: `must be a valid ${p.format}`, limit: String(p.format) };
    case 'uniqueItems':
      return { path: pointerToPath(e.instancePath), message: `must not repeat items (items ${p.j} and ${p.i} are the same)` };
    default:
      return { path: pointerToPath(e.instancePath), message: e.message ?? `does not satisfy ${e.keyword}` };
  }
}

/** Ajv reports combinator errors (anyOf/oneOf/if) after the specific ones: keep the specific ones. */
const NOISE = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'not']);

const MAX_DEPTH = 64;
const MAX_WALK_ISSUES = 20;
const hasIsWellFormed = typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** False when the string has a lone surrogate (it cannot be encoded as UTF-8). */
export const isWellFormed = (s: string): boolean =>
  hasIsWellFormed ? (s as string & { isWellFormed(): boolean }).isWellFormed() : !LONE_SURROGATE.test(s);

/** Why JSON would drop or alter this (non-object) value, or undefined when it sends it as is. */
function alteration(value: unknown): [string, string?] | undefined {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value) ? undefined : ['contains a lone surrogate (half of a UTF-16 pair), which cannot be sent as UTF-8', 'well-formed Unicode'];
    case 'number':
      if (!Number.isFinite(value)) return [`must be a finite number, not ${value}`, 'finite'];
      return Number.isInteger(value) && !Number.isSafeInteger(value) ? [`is ${value}, beyond 2^53 - 1: JSON would change it`, 'safe integer'] : undefined;
    case 'undefined':
      return ['is undefined (JSON would send null)'];
    case 'bigint':
      return ['is a BigInt, which JSON cannot send: use a number'];
    case 'function':
    case 'symbol':
      return [`is a ${typeof value}, which JSON would leave out`];
    default:
      return undefined;
  }
}

/**
 * The body as JSON will carry it: own enumerable fields only, `undefined` fields left out. Every
 * value JSON would drop or alter is an issue: functions, symbols, BigInts, `toJSON` methods (a
 * Date), non-finite numbers, integers beyond 2^53, lone surrogates, `undefined` in arrays,
 * cycles, getters that throw. Such a value stays in the copy as it was, so the schema check
 * still sees the body's shape (an unknown field holding one is still reported as unknown).
 */
function asSent(value: unknown, path: string[], ancestors: Set<object>, issues: ValidationIssue[]): unknown {
  const report = (message: string, limit?: string) => {
    if (issues.length < MAX_WALK_ISSUES) issues.push({ path: pathOf(path), message, ...(limit ? { limit } : {}) });
  };
  if (value === null || typeof value !== 'object') {
    const why = alteration(value);
    if (why) report(why[0], why[1]);
    return value;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.toJSON === 'function') {
    report('has a toJSON method (a Date?), so JSON would send something else: pass the plain value');
    return value;
  }
  if (ancestors.has(obj)) {
    report('refers to itself (a cycle)');
    return value;
  }
  if (path.length >= MAX_DEPTH) {
    report(`is nested deeper than ${MAX_DEPTH} levels`, String(MAX_DEPTH));
    return value;
  }
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) {
      const out: unknown[] = new Array(obj.length);
      for (let i = 0; i < obj.length; i++) {
        path.push(String(i));
        out[i] = asSent(obj[i], path, ancestors, issues);
        path.pop();
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      path.push(key);
      if (!isWellFormed(key)) report('is a field name with a lone surrogate');
      let v: unknown;
      try {
        v = obj[key];
      } catch (err) {
        report(`cannot be read (${err instanceof Error ? err.message : String(err)})`);
      }
      // JSON leaves undefined fields out: the usual "not set".
      if (v !== undefined) {
        const copy = asSent(v, path, ancestors, issues);
        // An own "__proto__" (from JSON.parse) stays an own field, as JSON would send it.
        if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
        else out[key] = copy;
      }
      path.pop();
    }
    return out;
  } finally {
    ancestors.delete(obj);
  }
}

/** True when `path` is `base` or inside it (`subjects[0]` is inside `subjects`). */
const within = (path: string, base: string) => path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);

const byOperation = new Map<string, CompiledValidator>();
for (const opId of requestOperationIds) {
  const v = requestValidators[opId];
  if (v) byOperation.set(opId, v);
}

/** The operation ids that have a request body validator. */
export const validatedOperationIds: readonly string[] = requestOperationIds;

/**
 * Checks a request body against the spec. Returns every problem found (empty when valid).
 * Never throws for any body, however odd (cycles, BigInt, getters that throw, `__proto__` keys).
 *
 * @example
 * ```ts
 * import { validateRequest } from '@vidukit/client';
 *
 * const issues = validateRequest('submitQ2ProFast', { prompt: '@1 waves', duration: 11, subjects: [] });
 * for (const issue of issues) console.log(`${issue.path}: ${issue.message}`); // duration: must be <= 10 ...
 * ```
 */
export function validateRequest(operationId: string, body: unknown): ValidationIssue[] {
  return checkRequest(operationId, body).issues;
}

/**
 * Validation and serialisation in one pass: the issues, or the exact text to send (the JSON of
 * the very value that was validated).
 *
 * @example
 * ```ts
 * import { checkRequest } from '@vidukit/client';
 *
 * // Validation and serialisation in one pass: send exactly the text that was validated.
 * const { issues, text } = checkRequest('submitQ1Reference', { images: ['https://example.com/cat.png'], prompt: 'A cat yawns' });
 * if (issues.length === 0) {
 *   await fetch('https://api.novita.ai/v3/async/vidu-q1-reference2video', {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.VIDU_API_KEY}` },
 *     body: text,
 *   });
 * }
 * ```
 */
export function checkRequest(operationId: string, body: unknown): { issues: ValidationIssue[]; text?: string } {
  const validate = byOperation.get(operationId);
  if (!validate) {
    return { issues: [{ path: '', message: `unknown operation ${JSON.stringify(String(operationId))}; expected one of ${validatedOperationIds.join(', ')}`, limit: [...validatedOperationIds] }] };
  }
  if (body === undefined || typeof body === 'function' || typeof body === 'symbol') return { issues: [{ path: '', message: 'must be an object', limit: 'object' }] };
  const altered: ValidationIssue[] = [];
  const copy = asSent(body, [], new Set(), altered);
  if (!altered.length && validate(copy)) return { issues: [], text: JSON.stringify(copy) };
  const errors = altered.length && validate(copy) ? [] : (validate.errors ?? []);
  const specific = errors.filter((e) => !NOISE.has(e.keyword));
  const issues: ValidationIssue[] = [...altered];
  const seen = new Set<string>();
  for (const e of specific.length ? specific : errors) {
    const issue = toIssue(e);
    // A value JSON would alter is reported once, as such, not again by the schema.
    if (altered.some((a) => within(issue.path, a.path))) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return { issues: issues.length ? issues : [{ path: '', message: 'does not match the spec' }] };
}

/**
 * Problems with a task id (spec: components/schemas/TaskId), before it is put in a URL.
 *
 * @example
 * ```ts
 * import { checkTaskId } from '@vidukit/client';
 *
 * checkTaskId('2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f'); // []
 * checkTaskId(''); // one issue: the id is empty, nothing would be requested
 * ```
 */
export function checkTaskId(taskId: unknown): ValidationIssue[] {
  if (parameter_TaskId(taskId)) return [];
  return (parameter_TaskId.errors ?? []).slice(0, 1).map((e) => {
    const issue = toIssue(e);
    const message = e.keyword === 'pattern' ? 'contains a lone surrogate (half of a UTF-16 pair), which cannot be sent as UTF-8' : issue.message;
    return { ...issue, path: 'task_id', message };
  });
}
