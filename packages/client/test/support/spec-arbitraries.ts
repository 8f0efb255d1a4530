// fast-check arbitraries derived from the spec's request schemas: valid bodies, and invalid
// ones made by one mutation of a valid body at a place the schema constrains. Test code only:
// the client itself never reads the spec at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';

type Schema = Record<string, any>;
export const spec = parse(readFileSync(fileURLToPath(new URL('../../../../spec/openapi.yaml', import.meta.url)), 'utf8'));
const schemas: Record<string, Schema> = spec.components.schemas;

/** Operation id -> { method, path, schema } for every operation with a JSON body. */
export const submitOperations: Record<string, { path: string; schema: Schema }> = {};
for (const [path, item] of Object.entries<any>(spec.paths)) {
  for (const op of Object.values<any>(item)) {
    const ref = op?.requestBody?.content?.['application/json']?.schema?.$ref;
    if (ref) submitOperations[op.operationId] = { path, schema: resolve({ $ref: ref }) };
  }
}

export function resolve(s: Schema): Schema {
  let cur = s;
  while (cur && cur.$ref) {
    const name = String(cur.$ref).replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target) throw new Error(`unresolved ${cur.$ref}`);
    // Sibling keywords next to $ref (3.1) are annotations here; the target carries the rules.
    cur = target;
  }
  return cur;
}

const text = (min: number, max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 24) }) },
    // Code points outside the BMP: one character, two UTF-16 units (length counting differs).
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, min + 8) }) },
  );

/** A value the schema accepts. Boundaries are favoured for lengths and counts. */
export function valid(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) props[k] = valid(v);
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = s.maxItems ?? min + 3;
      return fc.array(valid(s.items), { minLength: min, maxLength: Math.min(max, min + 3) }).chain((arr) =>
        // Sometimes fill the array up to its maximum.
        s.maxItems !== undefined
          ? fc.constantFrom(arr, 'fill').chain((pick) => (pick === 'fill' ? fc.array(valid(s.items), { minLength: s.maxItems, maxLength: s.maxItems }) : fc.constant(arr)))
          : fc.constant(arr),
      );
    }
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 200;
      const at = (n: number) => fc.constant('é'.repeat(n));
      return s.maxLength !== undefined && s.maxLength <= 5000
        ? fc.oneof({ weight: 5, arbitrary: text(min, max) }, { weight: 1, arbitrary: at(max) }, { weight: 1, arbitrary: fc.constant('😀'.repeat(max)) })
        : text(min, max);
    }
    case 'integer': {
      const min = s.minimum ?? -2_147_483_648;
      const max = s.maximum ?? 2_147_483_647;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant('x');
  }
}

type Mutation = (root: unknown) => unknown;

/** Replaces the value at `path` inside `root` (a fresh copy), or the root itself. */
function setAt(root: unknown, path: (string | number)[], fn: (old: unknown) => unknown): unknown {
  if (path.length === 0) return fn(root);
  const copy: any = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) };
  const [head, ...rest] = path;
  const next = setAt(copy[head!], rest, fn);
  if (next === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else if (head === '__proto__') Object.defineProperty(copy, head, { value: next, enumerable: true, configurable: true, writable: true });
  else copy[head!] = next;
  return copy;
}
const REMOVE = Symbol('remove');

const ownKey = (o: object, k: string, v: unknown) => {
  const copy: any = { ...o };
  Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
  return copy;
};

/** Every single-step violation the schema allows at `value`, with a label for the report. */
export function mutations(schema: Schema, value: unknown, path: (string | number)[] = []): { label: string; apply: Mutation }[] {
  const s = resolve(schema);
  const out: { label: string; apply: Mutation }[] = [];
  const at = (label: string, fn: (old: unknown) => unknown) => out.push({ label: `${path.join('.') || 'body'}: ${label}`, apply: (root) => setAt(root, path, fn) });
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  at('null', () => null);
  if (type === 'object' && value && typeof value === 'object') {
    at('array instead of object', () => []);
    at('string instead of object', () => 'x');
    at('unknown field', (o) => ({ ...(o as object), resolutoin: '720p' }));
    at('own __proto__ field', (o) => ownKey(o as object, '__proto__', { polluted: true }));
    for (const req of s.required ?? []) if (req in (value as object)) at(`missing ${req}`, (o) => { const c: any = { ...(o as object) }; delete c[req]; return c; });
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) {
      if (k in (value as object)) out.push(...mutations(v, (value as any)[k], [...path, k]));
    }
  } else if (type === 'array' && Array.isArray(value)) {
    at('object instead of array', () => ({}));
    if (s.minItems !== undefined && s.minItems > 0) at(`fewer than ${s.minItems} items`, (a) => (a as unknown[]).slice(0, s.minItems - 1));
    if (s.maxItems !== undefined && value.length > 0) at(`more than ${s.maxItems} items`, (a) => Array.from({ length: s.maxItems + 1 }, (_, i) => (a as unknown[])[i % (a as unknown[]).length]));
    value.forEach((item, i) => { if (i < 2) out.push(...mutations(s.items, item, [...path, i])); });
  } else if (type === 'string') {
    at('number instead of string', () => 42);
    if (s.enum) {
      at('value not in enum', () => 'not-a-member');
      at('enum value in upper case', (v) => String(v).toUpperCase() === v ? `${v}x` : String(v).toUpperCase());
    }
    if (s.maxLength !== undefined && s.maxLength <= 5000) {
      at(`longer than ${s.maxLength}`, () => 'a'.repeat(s.maxLength + 1));
      at(`longer than ${s.maxLength} (astral)`, () => '😀'.repeat(s.maxLength + 1));
    }
    if (s.maxLength !== undefined && s.maxLength > 5000) at(`longer than ${s.maxLength}`, () => 'p'.repeat(s.maxLength + 1));
    if (s.minLength) at(`shorter than ${s.minLength}`, () => '');
  } else if (type === 'integer') {
    at('fraction', () => 2.5);
    at('numeric string', (v) => String(v));
    at('boolean', () => true);
    if (s.enum) at('not in enum', (v) => Number(v) + 1);
    if (s.minimum !== undefined) at(`below ${s.minimum}`, () => s.minimum - 1);
    if (s.maximum !== undefined) at(`above ${s.maximum}`, () => s.maximum + 1);
  } else if (type === 'boolean') {
    at('string "true"', () => 'true');
    at('number 1', () => 1);
  }
  return out;
}

/** A body for `opId`: valid (about half the time) or a valid body with one violation. */
export function bodyFor(opId: string): fc.Arbitrary<{ body: unknown; label: string }> {
  const schema = submitOperations[opId]!.schema;
  const validArb = valid(schema).map((body) => ({ body, label: 'valid' }));
  const invalidArb = fc.tuple(valid(schema), fc.nat()).map(([body, n]) => {
    const ms = mutations(schema, body);
    const m = ms[n % ms.length]!;
    return { body: m.apply(body), label: m.label };
  });
  return fc.oneof(validArb, invalidArb);
}
