// Derives the shared corpus of request bodies from the standalone JSON Schemas: for every
// validation keyword reachable from a request body (through $refs, nested objects and array
// items) it emits the bodies on both sides of the constraint, each changing exactly one thing
// in a valid base body, plus every named example of the spec. Deterministic; a keyword it does
// not know how to exercise is an error, so a new kind of constraint in the spec cannot go
// untested silently.
import { resolveRefs } from '../../lib/refs.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Keywords that only annotate. contentMediaType is an annotation in draft 2020-12: validators
// (Ajv, jsonschema, Prism) do not assert it, so meta_data's "JSON string" is documentation.
const ANNOTATIONS = new Set([
  'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
  '$comment', 'contentMediaType', 'contentEncoding', 'contentSchema', '$schema', '$id', '$defs',
]);
const HANDLED = new Set([
  'type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'required', 'properties', 'additionalProperties', 'items', '$ref',
]);

/** Resolves `#` and `#/$defs/X` inside one document; `trail` as `#` or `$defs/X` (for schema paths). */
function resolve(doc, schema) {
  const { node, trail } = resolveRefs(doc, schema);
  return { schema: node, trail: trail.map((ref) => (ref === '#' ? '#' : ref.slice(2))) };
}

/** A valid value for a schema, preferring the spec's own hints. */
function synthesize(doc, raw) {
  const { schema } = resolve(doc, raw);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.enum) return structuredClone(schema.enum[0]);
  if (schema.examples?.length) return structuredClone(schema.examples[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return 'x'.repeat(Math.max(schema.minLength ?? 0, 1));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => synthesize(doc, schema.items ?? {}));
    default:
      return Object.fromEntries((schema.required ?? []).map((k) => [k, synthesize(doc, schema.properties?.[k] ?? {})]));
  }
}

/** A value of another JSON type than the schema allows. */
function wrongType(types) {
  const candidates = [
    ['string', 'not-a-number'],
    ['integer', 123],
    ['boolean', true],
    ['array', []],
    ['object', {}],
  ];
  for (const [type, value] of candidates) {
    const allowed = types.includes(type) || (type === 'integer' && types.includes('number'));
    if (!allowed) return { type, value: structuredClone(value) };
  }
  throw new Error(`no wrong type for ${types}`);
}

const getAt = (body, path) => path.reduce((node, key) => node?.[key], body);
function setAt(body, path, value) {
  const copy = structuredClone(body);
  if (path.length === 0) return value;
  const parent = getAt(copy, path.slice(0, -1));
  parent[path.at(-1)] = value;
  return copy;
}
function deleteAt(body, path) {
  const copy = structuredClone(body);
  const parent = getAt(copy, path.slice(0, -1));
  delete parent[path.at(-1)];
  return copy;
}
const codePoints = (s) => [...s].length;

/**
 * @param {{ operationId: string, schemaFile: string, doc: object, examples: Record<string, unknown> }[]} requests
 * @returns {{ file: string, entry: object }[]} corpus files, relative paths
 */
export function deriveCorpus(requests) {
  const out = [];
  // Values another operation allows for a property of the same name (`high` vs `large`,
  // `540p` on Q2 Pro Fast): the mix-ups a caller is most likely to make.
  const siblingEnums = new Map();
  const collectEnums = (doc, node, key) => {
    if (Array.isArray(node)) {
      for (const n of node) collectEnums(doc, n, key);
      return;
    }
    if (!isObject(node)) return;
    if (node.enum && key) siblingEnums.set(key, new Set([...(siblingEnums.get(key) ?? []), ...node.enum]));
    for (const [k, v] of Object.entries(node.properties ?? {})) collectEnums(doc, resolve(doc, v).schema, k);
    if (node.items) collectEnums(doc, resolve(doc, node.items).schema, undefined);
  };
  for (const { doc } of requests) collectEnums(doc, doc, undefined);

  for (const { operationId, schemaFile, doc, examples } of requests) {
    const names = new Map();
    const emit = (slug, valid, constraint, description, body) => {
      // Portable file names: no ':' (Windows) and nothing a shell would need quoting for.
      const file = `${operationId}/${valid ? 'valid' : 'invalid'}.${slug.replace(/[^A-Za-z0-9_.-]/g, '-')}.json`;
      if (names.has(file)) throw new Error(`duplicate corpus file ${file}`);
      names.set(file, true);
      out.push({
        file,
        entry: { operationId, schema: schemaFile, valid, constraint, description, body },
      });
    };

    for (const [name, value] of Object.entries(examples)) {
      emit(`example-${name}`, true, { keyword: 'example', schemaPath: null, instancePath: '' },
        `the spec's named example "${name}"`, value);
    }

    // Base: the named example with the fewest top-level properties, else a synthesized body.
    const base = Object.values(examples).sort((a, b) => Object.keys(a).length - Object.keys(b).length)[0]
      ?? synthesize(doc, doc);

    const walk = (raw, schemaPath, path, baseBody) => {
      const { schema, trail } = resolve(doc, raw);
      const where = trail.length ? `#/${trail.at(-1)}` : schemaPath;
      const pointer = `/${path.join('/')}`.replace(/^\/$/, '');
      const slug = (kw, extra) => [path.length ? path.join('.') : 'body', kw, extra].filter((x) => x !== undefined).join('.');
      const constraint = (keyword) => ({ keyword, schemaPath: `${where}/${keyword}`, instancePath: pointer });
      const current = getAt(baseBody, path);
      const label = pointer || 'the body';

      for (const key of Object.keys(schema)) {
        if (!ANNOTATIONS.has(key) && !HANDLED.has(key)) {
          throw new Error(`${schemaFile} ${where}: no corpus cases for keyword "${key}" yet; add them in scripts/lib/corpus.mjs`);
        }
      }

      if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        const bad = wrongType(types);
        emit(slug('type', bad.type), false, constraint('type'), `${label} is a ${bad.type}, not ${types.join(' or ')}`,
          setAt(baseBody, path, bad.value));
        if (types.includes('integer') && !types.includes('number')) {
          const fraction = (typeof current === 'number' ? current : schema.minimum ?? 0) + 0.5;
          emit(slug('type', 'fraction'), false, constraint('type'), `${label} is ${fraction}, not an integer`,
            setAt(baseBody, path, fraction));
        }
      }

      if (schema.enum) {
        for (const member of schema.enum) {
          emit(slug('enum', String(member)), true, constraint('enum'), `${label} is the allowed value ${JSON.stringify(member)}`,
            setAt(baseBody, path, member));
        }
        const outside = typeof schema.enum[0] === 'number'
          ? [Math.min(...schema.enum) - 1, Math.max(...schema.enum) + 1]
          : [
              [schema.enum[0].toUpperCase(), schema.enum[0].toLowerCase(), `${schema.enum[0]}0`].find(
                (v) => !schema.enum.includes(v),
              ),
              '',
            ];
        const key = path.filter((p) => typeof p === 'string').at(-1);
        for (const value of siblingEnums.get(key) ?? []) {
          if (!schema.enum.includes(value) && !outside.includes(value) && typeof value === typeof schema.enum[0]) outside.push(value);
        }
        for (const value of outside) {
          emit(slug('enum', `not-${value === '' ? 'empty' : value}`), false, constraint('enum'),
            `${label} is ${JSON.stringify(value)}, not one of ${JSON.stringify(schema.enum)}`, setAt(baseBody, path, value));
        }
      }

      for (const [keyword, delta, valid] of [['minimum', 0, true], ['minimum', -1, false], ['maximum', 0, true], ['maximum', 1, false]]) {
        if (schema[keyword] === undefined) continue;
        const value = schema[keyword] + delta;
        emit(slug(keyword, valid ? 'at' : 'beyond'), valid, constraint(keyword),
          `${label} is ${value} (${keyword} ${schema[keyword]})`, setAt(baseBody, path, value));
      }

      for (const [keyword, delta, valid] of [['minLength', 0, true], ['minLength', -1, false], ['maxLength', 0, true], ['maxLength', 1, false]]) {
        if (schema[keyword] === undefined) continue;
        const length = schema[keyword] + delta;
        if (length < 0) continue; // minLength 0 has no invalid side
        emit(slug(keyword, valid ? 'at' : 'beyond'), valid, constraint(keyword),
          `${label} has ${length} characters (${keyword} ${schema[keyword]})`, setAt(baseBody, path, 'a'.repeat(length)));
        if (keyword === 'maxLength' && length > 0 && length <= 10_000) {
          // Length counts Unicode code points, not UTF-16 units: an emoji is one character.
          const emoji = '\u{1F3AC}'.repeat(length);
          if (codePoints(emoji) !== length) throw new Error('code point count');
          emit(slug(keyword, valid ? 'at-astral' : 'beyond-astral'), valid, constraint(keyword),
            `${label} has ${length} emoji (${keyword} ${schema[keyword]} counts code points, not UTF-16 units)`,
            setAt(baseBody, path, emoji));
        }
      }

      if (schema.minItems !== undefined || schema.maxItems !== undefined) {
        const pool = Array.isArray(current) && current.length > 0 ? current : [synthesize(doc, schema.items ?? {})];
        const ofLength = (n) => Array.from({ length: n }, (_, i) => structuredClone(pool[i % pool.length]));
        for (const [keyword, delta, valid] of [['minItems', 0, true], ['minItems', -1, false], ['maxItems', 0, true], ['maxItems', 1, false]]) {
          if (schema[keyword] === undefined) continue;
          const n = schema[keyword] + delta;
          if (n < 0) continue;
          emit(slug(keyword, valid ? 'at' : 'beyond'), valid, constraint(keyword),
            `${label} has ${n} items (${keyword} ${schema[keyword]})`, setAt(baseBody, path, ofLength(n)));
        }
      }

      if (schema.items !== undefined) {
        let body = baseBody;
        if (!Array.isArray(current) || current.length === 0) {
          body = setAt(baseBody, path, [synthesize(doc, schema.items)]);
        }
        walk(schema.items, `${where}/items`, [...path, 0], body);
      }

      if (schema.required) {
        for (const key of schema.required) {
          emit(slug('required', key), false, constraint('required'), `${label} lacks the required property "${key}"`,
            deleteAt(baseBody, [...path, key]));
        }
      }

      if (schema.additionalProperties === false) {
        emit(slug('additionalProperties'), false, constraint('additionalProperties'),
          `${label} has an unknown property "unknown_property"`, setAt(baseBody, [...path, 'unknown_property'], true));
      } else if (schema.additionalProperties !== undefined) {
        throw new Error(`${schemaFile} ${where}: only additionalProperties: false is exercised`);
      }

      if (schema.properties) {
        for (const [key, sub] of Object.entries(schema.properties)) {
          let body = baseBody;
          if (getAt(baseBody, [...path, key]) === undefined) {
            const value = synthesize(doc, sub);
            body = setAt(baseBody, [...path, key], value);
            if (!(schema.required ?? []).includes(key)) {
              emit(slug('optional', key), true, constraint('properties'),
                `${label} also has the optional property "${key}" = ${JSON.stringify(value).slice(0, 60)}`, body);
            }
          }
          walk(sub, `${where}/properties/${key}`, [...path, key], body);
        }
      }
    };
    walk(doc, '#', [], base);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
