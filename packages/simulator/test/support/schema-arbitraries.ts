// fast-check arbitraries from the standalone JSON Schemas that @vidukit/openapi publishes
// (dist/schemas/*.json, draft 2020-12, local $defs): valid bodies, and invalid ones made by one
// mutation of a valid body at a place the schema constrains.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';

type Schema = Record<string, any>;
const require = createRequire(import.meta.url);
const readSchema = (file: string): Schema => JSON.parse(readFileSync(require.resolve(`@vidukit/openapi/schemas/${file}`), 'utf8'));

/** Operation id -> path and request schema, for every operation with a JSON body. */
export const submitOperations: Record<string, { path: string; schema: Schema }> = Object.fromEntries(
  (readSchema('index.json').operations as { operationId: string; path: string; request?: { schema: string } }[])
    .filter((op) => op.request)
    .map((op) => [op.operationId, { path: op.path, schema: readSchema(op.request!.schema) }]),
);

/** A schema node with local `$ref`s followed (siblings of `$ref` are annotations here). */
function at(root: Schema, node: Schema): Schema {
  let current = node;
  while (current?.$ref) current = root.$defs[String(current.$ref).replace('#/$defs/', '')];
  return current;
}

// Well-formed text only: a lone surrogate is not a string the provider can be sent.
const text = (min: number, max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 24) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, min + 8) }) },
  );

function valid(root: Schema, node: Schema): fc.Arbitrary<unknown> {
  const s = at(root, node);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) props[k] = valid(root, v);
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const sizes = s.maxItems === undefined ? fc.integer({ min, max: min + 3 }) : fc.oneof(fc.integer({ min, max: Math.min(s.maxItems, min + 3) }), fc.constant(s.maxItems));
      return sizes.chain((n) => fc.array(valid(root, s.items), { minLength: n, maxLength: n }));
    }
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 200;
      if (s.maxLength === undefined || s.maxLength > 5000) return text(min, max);
      // The longest allowed, counted in code points (an astral character is two UTF-16 units).
      return fc.oneof({ weight: 5, arbitrary: text(min, max) }, fc.constant('é'.repeat(max)), fc.constant('😀'.repeat(max)));
    }
    case 'integer': {
      const min = s.minimum ?? -2_147_483_648;
      const max = s.maximum ?? 2_147_483_647;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant('x');
  }
}

const REMOVE = Symbol('remove');
/** A copy of `root` with the value at `path` replaced by `fn(old)` (or removed). */
function setAt(root: unknown, path: (string | number)[], fn: (old: unknown) => unknown): unknown {
  if (path.length === 0) return fn(root);
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  const next = setAt(copy[head!], rest, fn);
  if (next === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = next;
  return copy;
}

/** Every one-step violation of the schema at `value`, labelled. */
function mutations(root: Schema, node: Schema, value: unknown, path: (string | number)[] = []): { label: string; apply: (body: unknown) => unknown }[] {
  const s = at(root, node);
  const out: { label: string; apply: (body: unknown) => unknown }[] = [];
  const add = (label: string, fn: (old: unknown) => unknown) => out.push({ label: `${path.join('.') || 'body'}: ${label}`, apply: (b) => setAt(b, path, fn) });
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  add('null', () => null);
  if (type === 'object' && value && typeof value === 'object') {
    add('array instead of object', () => []);
    add('unknown field', (o) => ({ ...(o as object), resolutoin: '720p' }));
    for (const req of s.required ?? []) {
      if (req in value) out.push({ label: `${path.join('.') || 'body'}: missing ${req}`, apply: (b) => setAt(b, [...path, req], () => REMOVE) });
    }
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) if (k in value) out.push(...mutations(root, v, (value as any)[k], [...path, k]));
  } else if (type === 'array' && Array.isArray(value)) {
    add('object instead of array', () => ({}));
    if (s.minItems > 0) add(`fewer than ${s.minItems} items`, (a) => (a as unknown[]).slice(0, s.minItems - 1));
    if (s.maxItems !== undefined && value.length > 0) add(`more than ${s.maxItems} items`, (a) => Array.from({ length: s.maxItems + 1 }, (_, i) => (a as unknown[])[i % value.length]));
    value.slice(0, 2).forEach((item, i) => out.push(...mutations(root, s.items, item, [...path, i])));
  } else if (type === 'string') {
    add('number instead of string', () => 42);
    if (s.enum) add('value not in enum', (v) => `${String(v).toUpperCase()}x`);
    if (s.maxLength !== undefined) add(`longer than ${s.maxLength}`, () => (s.maxLength > 5000 ? 'p' : '😀').repeat(s.maxLength + 1));
    if (s.minLength) add(`shorter than ${s.minLength}`, () => '');
  } else if (type === 'integer') {
    add('fraction', () => 2.5);
    add('numeric string', (v) => String(v));
    if (s.enum) add('not in enum', (v) => Number(v) + 1);
    if (s.minimum !== undefined) add(`below ${s.minimum}`, () => s.minimum - 1);
    if (s.maximum !== undefined) add(`above ${s.maximum}`, () => s.maximum + 1);
  } else if (type === 'boolean') {
    add('string "true"', () => 'true');
  }
  return out;
}

/** A body for `opId`: valid about half the time, else a valid body with one violation. */
export function bodyFor(opId: string): fc.Arbitrary<{ body: unknown; label: string }> {
  const { schema } = submitOperations[opId]!;
  const validBody = valid(schema, schema).map((body) => ({ body, label: 'valid' }));
  const invalidBody = fc.tuple(valid(schema, schema), fc.nat()).map(([body, n]) => {
    const all = mutations(schema, schema, body);
    const m = all[n % all.length]!;
    return { body: m.apply(body), label: m.label };
  });
  return fc.oneof(validBody, invalidBody);
}
