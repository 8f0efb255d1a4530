// One schema-breaking mutation at a known place in a valid body: where it can be applied
// (`sites`), what it does, and the path the client must name for it.
import fc from 'fast-check';
import { deref, type Schema, typesOf } from './schema.js';

type Seg = string | number;

/** Every location in a value, with the schema that governs it. */
interface Site {
  path: Seg[];
  schema: Schema;
  value: unknown;
}

export function sites(value: unknown, schema: Schema, path: Seg[] = [], out: Site[] = []): Site[] {
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
export function mutationsAt(site: Site): fc.Arbitrary<Mutation>[] {
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

