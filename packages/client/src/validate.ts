/**
 * Request validation with the validators compiled from the spec at build time
 * (scripts/generate-validators.mjs). Nothing here knows a limit: every constraint, and the
 * number in every message, comes from the generated code.
 */
import * as validators from './generated/validators.js';
import type { AjvError, CompiledValidator } from './generated/validators.js';
import type { ValidationIssue } from './errors.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `/subjects/0/images` -> `subjects[0].images` (JSON Pointer, ~0 ~1 unescaped). */
export function pointerToPath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) {
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

/** The body exactly as it will travel: JSON, so `undefined` fields vanish and prototypes are gone. */
function asSent(body: unknown): { value?: unknown; issue?: ValidationIssue } {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { issue: { path: '', message: `cannot be sent as JSON (${why})` } };
  }
  if (text === undefined) return { issue: { path: '', message: 'must be an object' , limit: 'object' } };
  return { value: JSON.parse(text) as unknown };
}

const byOperation = new Map<string, CompiledValidator>();
for (const opId of validators.requestOperationIds) {
  const v = (validators as unknown as Record<string, CompiledValidator | undefined>)[`request_${opId}`];
  if (v) byOperation.set(opId, v);
}

/** The operation ids that have a request body validator. */
export const validatedOperationIds: readonly string[] = validators.requestOperationIds;

/**
 * Checks a request body against the spec. Returns every problem found (empty when valid).
 * Never throws for any body, however odd (cycles, BigInt, getters that throw, `__proto__` keys).
 */
export function validateRequest(operationId: string, body: unknown): ValidationIssue[] {
  const validate = byOperation.get(operationId);
  if (!validate) {
    return [{ path: '', message: `unknown operation ${JSON.stringify(String(operationId))}; expected one of ${validatedOperationIds.join(', ')}`, limit: [...validatedOperationIds] }];
  }
  const sent = asSent(body);
  if (sent.issue) return [sent.issue];
  if (validate(sent.value)) return [];
  const errors = validate.errors ?? [];
  const specific = errors.filter((e) => !NOISE.has(e.keyword));
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of specific.length ? specific : errors) {
    const issue = toIssue(e);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues.length ? issues : [{ path: '', message: 'does not match the spec' }];
}
