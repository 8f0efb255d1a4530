import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { SubmitRoute } from './routes.js';
import type { JsonSchema } from './spec.js';

export interface RequestIssue {
  path: string;
  message: string;
  limit?: number | string | string[];
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** `/subjects/0/images` -> `subjects[0].images`. */
function readablePath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function toIssue(e: ErrorObject): RequestIssue {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: readablePath(e.instancePath, String(p.missingProperty)), message: 'is required' };
  if (e.keyword === 'additionalProperties') {
    return { path: readablePath(e.instancePath, String(p.additionalProperty)), message: 'is not a known field' };
  }
  const issue: RequestIssue = { path: readablePath(e.instancePath), message: e.message ?? e.keyword };
  if (typeof p.limit === 'number') issue.limit = p.limit;
  else if (Array.isArray(p.allowedValues)) issue.limit = p.allowedValues.map(String);
  return issue;
}

/**
 * Checks a submit body against the spec's JSON Schema for the operation (from
 * `@vidukit/openapi`), so the simulator rejects exactly what the spec rejects.
 */
export function checkSubmitBody(route: SubmitRoute, body: unknown): RequestIssue[] {
  return check(route.schema, body);
}

/** Checks one parameter's value against its schema in the spec; issues are named after it. */
export function checkParameter(name: string, schema: JsonSchema, value: unknown): RequestIssue[] {
  return check(schema, value).map((issue) => ({ ...issue, path: issue.path === '' ? name : `${name}.${issue.path}` }));
}

function check(schema: JsonSchema, value: unknown): RequestIssue[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map(toIssue);
}

/** `duration: must be <= 10; subjects: must NOT have fewer than 1 items`, like the spec's example. */
export function describeIssues(issues: readonly RequestIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(body)' : i.path}: ${i.message}`).join('; ');
}
