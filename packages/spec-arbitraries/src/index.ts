/**
 * The one module of fast-check arbitraries derived from the request schemas in spec/openapi.yaml,
 * for every suite that fuzzes bodies (client differential, reliability fuzz, three-way
 * conformance): a valid body per operation, boundaries favoured, and invalid bodies made by one
 * schema-breaking mutation of a valid one at a known path. Nothing here hard-codes a limit or an
 * operation: bounds and enums are read from the spec and operations from the generated list.
 */
import fc from 'fast-check';
import { deref as resolve } from '@vidukit/openapi/refs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  contentMediaType?: string;
  allOf?: Schema[];
};

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

export const spec = parse(readFileSync(fileURLToPath(import.meta.resolve('@vidukit/openapi/openapi.yaml')), 'utf8')) as Spec;

/** Follows `$ref`s (local only) and merges sibling keywords over the target, as 3.1 allows. */
export const deref = (schema: Schema): Schema => resolve<Schema>(spec, schema);

/** Every operation with a JSON request body: its schema, and its path and method. */
export const requestSchemas: Record<string, Schema> = {};
export const submitOperations: Record<string, { path: string; method: string; schema: Schema }> = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    if (op?.operationId && schema) {
      requestSchemas[op.operationId] = schema;
      submitOperations[op.operationId] = { path, method: method.toUpperCase(), schema };
    }
  }
}
export const operationIds = Object.keys(requestSchemas);

function typesOf(s: Schema): string[] {
  if (s.enum) return [...new Set(s.enum.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)))];
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

// ---- valid bodies ----

const text = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom('a', 'b', 'z', ' ', '@', '1', 'é', '猫', '🎬', '\n') });

/** A valid value for a schema (small: strings at most 40 characters unless the minimum is larger). */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  const arbs = types.map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'string': {
        if (s.contentMediaType === 'application/json') return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
        const min = s.minLength ?? 0;
        const small = text(min, Math.min(s.maxLength ?? Infinity, Math.max(min, 40)));
        if (s.maxLength === undefined || s.maxLength > 5000) return small;
        // At the limit, in characters that are two UTF-8 bytes and two UTF-16 units: length counting differs.
        const max = s.maxLength;
        return fc.oneof({ weight: 5, arbitrary: small }, { weight: 1, arbitrary: fc.constant('é'.repeat(max)) }, { weight: 1, arbitrary: fc.constant('😀'.repeat(max)) });
      }
      case 'integer': {
        const min = s.minimum ?? -(2 ** 31);
        const max = s.maximum ?? 2 ** 31 - 1;
        return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
      }
      case 'number':
        return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = s.minItems ?? 0;
        const some = fc.array(validValue(s.items ?? {}), { minLength: min, maxLength: Math.min(s.maxItems ?? Infinity, min + 3) });
        if (s.maxItems === undefined) return some;
        const full = fc.array(validValue(s.items ?? {}), { minLength: s.maxItems, maxLength: s.maxItems });
        return fc.oneof({ weight: 4, arbitrary: some }, { weight: 1, arbitrary: full });
      }
      case 'object': {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const rec: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) rec[k] = validValue(v);
        return fc.record(rec, { requiredKeys: [...required] });
      }
      default:
        throw new Error(`validValue: no generator for type ${t}`);
    }
  });
  if (arbs.length === 0) throw new Error(`validValue: schema without a type: ${JSON.stringify(s)}`);
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

export const validBody = (operationId: string) => validValue(requestSchemas[operationId]!) as fc.Arbitrary<Record<string, unknown>>;

// ---- mutations ----

type Seg = string | number;

/** Every location in a value, with the schema that governs it. */
interface Site {
  path: Seg[];
  schema: Schema;
  value: unknown;
}

function sites(value: unknown, schema: Schema, path: Seg[] = [], out: Site[] = []): Site[] {
  const s = deref(schema);
  out.push({ path, schema: s, value });
  if (Array.isArray(value) && s.items) {
    for (const [i, v] of value.entries()) sites(v, s.items, [...path, i], out);
  }
  else if (value && typeof value === 'object' && s.properties) {
    for (const [k, v] of Object.entries(value)) if (s.properties[k]) sites(v, s.properties[k]!, [...path, k], out);
  }
  return out;
}

/**
 * `['subjects', 0, 'images']` -> `subjects[0].images`, the client's path notation. Like the
 * client, a digit-only object key prints as an index (`[0]`): JSON Pointer cannot tell them apart.
 */
export function toPath(path: Seg[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number' || /^(0|[1-9]\d*)$/.test(p)) out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

export type MutationKind =
  | 'wrongType'
  | 'belowMinimum'
  | 'aboveMaximum'
  | 'notInteger'
  | 'badEnum'
  | 'missingRequired'
  | 'unknownKey'
  | 'tooLong'
  | 'tooShort'
  | 'tooFewItems'
  | 'tooManyItems';

export interface Mutation {
  kind: MutationKind;
  /** The field path the client must name, in its notation. */
  path: string;
  apply(body: unknown): unknown;
}

/** Values of each JSON type, for "wrong type" mutations. */
const byType: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '5', 'true', 'null', '[]')),
  integer: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53)),
  number: fc.constantFrom(1.5, -0.25, 1e-9, 2.71),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
};

function wrongTypeValue(s: Schema): fc.Arbitrary<unknown> {
  const allowed = new Set(typesOf(s));
  if (allowed.has('number')) allowed.add('integer');
  // An integer is a number; a number with a fraction is never an integer.
  const candidates = Object.keys(byType).filter((t) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')));
  return fc.constantFrom(...candidates).chain((t) => byType[t]!);
}

function setAt(root: unknown, path: Seg[], fn: (parent: Record<string | number, unknown>, key: Seg) => void): unknown {
  const copy = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]!] as Record<string | number, unknown>;
  fn(cur, path[path.length - 1]!);
  return copy;
}

/** Keys that are never in a schema's properties, hostile ones included (added as own properties). */
const unknownKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'Prompt', 'prompt ', 'task_id', 'extra', ''),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** One invalid mutation for the site, or undefined when the site cannot be broken that way. */
function mutationsAt(site: Site): fc.Arbitrary<Mutation>[] {
  const { path, schema: s, value } = site;
  const p = toPath(path);
  const out: fc.Arbitrary<Mutation>[] = [];
  const replace = (kind: MutationKind, arb: fc.Arbitrary<unknown>) =>
    out.push(arb.map((v) => ({ kind, path: p, apply: (b: unknown) => setAt(b, path, (parent, key) => {
        parent[key] = v;
      }) })));
  const types = typesOf(s);
  if (path.length > 0) replace('wrongType', wrongTypeValue(s));
  if (s.enum) {
    const allowed = s.enum;
    const sample = allowed[0];
    const bad: fc.Arbitrary<unknown> =
      typeof sample === 'string'
        ? fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...allowed.map((v) => String(v).toUpperCase()), ...allowed.map((v) => ` ${String(v)}`)))
        : fc.integer({ min: -100, max: 100 });
    replace('badEnum', bad.filter((v: unknown) => !allowed.includes(v)));
  }
  if (types.includes('integer') || types.includes('number')) {
    if (s.minimum !== undefined) replace('belowMinimum', fc.integer({ min: -1000, max: s.minimum - 1 }));
    if (s.maximum !== undefined) replace('aboveMaximum', fc.integer({ min: s.maximum + 1, max: s.maximum + 1e6 }));
    if (types.includes('integer') && !types.includes('number') && !types.includes('string') && !s.enum) {
      replace('notInteger', fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)));
    }
  }
  if (types.includes('string') && !s.enum) {
    if (s.maxLength !== undefined) {
      const over = fc.integer({ min: s.maxLength + 1, max: s.maxLength + 64 });
      replace('tooLong', fc.oneof(over.map((n) => 'x'.repeat(n)), over.map((n) => '😀'.repeat(n))));
    }
    if (s.minLength !== undefined && s.minLength > 0) replace('tooShort', fc.constant('x'.repeat(s.minLength - 1)));
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && s.minItems > 0) {
      const n = s.minItems;
      out.push(fc.integer({ min: 0, max: n - 1 }).map((k) => ({ kind: 'tooFewItems' as const, path: p, apply: (b: unknown) => setAt(b, path, (parent, key) => {
        parent[key] = (parent[key] as unknown[]).slice(0, k);
      }) })));
    }
    if (s.maxItems !== undefined && value.length > 0) {
      const n = s.maxItems;
      out.push(fc.integer({ min: n + 1, max: n + 4 }).map((k) => ({
        kind: 'tooManyItems' as const,
        path: p,
        apply: (b: unknown) => setAt(b, path, (parent, key) => {
          const arr = parent[key] as unknown[];
          parent[key] = Array.from({ length: k }, (_, i) => structuredClone(arr[i % arr.length]));
        }),
      })));
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && s.properties) {
    for (const r of s.required ?? []) {
      const rp = toPath([...path, r]);
      out.push(fc.constant({ kind: 'missingRequired' as const, path: rp, apply: (b: unknown) => setAt(b, [...path, r], (parent, key) => void delete parent[key]) }));
    }
    if (s.additionalProperties === false) {
      const known = new Set(Object.keys(s.properties));
      out.push(
        fc.tuple(unknownKeys.filter((k) => !known.has(k)), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({
          kind: 'unknownKey' as const,
          path: toPath([...path, k]),
          apply: (b: unknown) => {
            // Through JSON.parse, so `__proto__` is an own property (as in a body read from a file).
            const copy = structuredClone(b);
            let cur = copy as Record<string | number, unknown>;
            for (const seg of path) cur = cur[seg] as Record<string | number, unknown>;
            const inner = JSON.stringify(cur).slice(1, -1);
            const merged = JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}${inner ? `,${inner}` : ''}}`) as unknown;
            if (path.length === 0) return merged;
            return setAt(copy, path, (parent, key) => {
        parent[key] = merged;
      });
          },
        })),
      );
    }
  }
  return out;
}

export interface InvalidCase {
  operationId: string;
  valid: Record<string, unknown>;
  mutation: Mutation;
  body: unknown;
}

/** A valid body of the operation with exactly one schema-breaking mutation applied. */
export function invalidBody(operationId: string): fc.Arbitrary<InvalidCase> {
  return validBody(operationId).chain((valid) => {
    const all = sites(valid, requestSchemas[operationId]!).flatMap(mutationsAt);
    return fc.oneof(...all).map((mutation) => ({ operationId, valid, mutation, body: mutation.apply(valid) }));
  });
}

/** A body for `operationId`: valid about half the time, else one mutation; `label` says which. */
export function bodyFor(operationId: string): fc.Arbitrary<{ body: unknown; label: string }> {
  return fc.oneof(
    validBody(operationId).map((body) => ({ body: body as unknown, label: 'valid' })),
    invalidBody(operationId).map((c) => ({ body: c.body, label: `${c.mutation.path || 'body'}: ${c.mutation.kind}` })),
  );
}
