// Derives standalone JSON Schema (draft 2020-12) documents from the OpenAPI 3.1 spec:
// one per request body and one per response body, each self-contained (every component it
// uses is copied under $defs and its $refs rewritten), plus an index of the operations.
// Pure: takes the parsed spec, returns { files: Map<fileName, object> }.

import { deref } from '../../lib/refs.mjs';

export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const COMPONENT_REF = '#/components/schemas/';
// OpenAPI-only keywords that mean nothing (or something else) in plain JSON Schema.
const OAS_ONLY = new Set(['discriminator', 'xml', 'externalDocs', 'example']);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Names of the component schemas a schema refers to, directly. */
function directRefs(schema, out = new Set()) {
  if (Array.isArray(schema)) {
    for (const s of schema) directRefs(s, out);
  }
  else if (isObject(schema)) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref') {
        if (typeof value !== 'string' || !value.startsWith(COMPONENT_REF)) {
          throw new Error(`only local component refs are supported, got ${value}`);
        }
        out.add(decodeURIComponent(value.slice(COMPONENT_REF.length)));
      } else if (key !== 'examples' && key !== 'default' && key !== 'const' && key !== 'enum') {
        directRefs(value, out);
      }
    }
  }
  return out;
}

/** Copies a component schema, rewriting refs to `#/$defs/X` (or `#` for the root itself). */
function rewrite(schema, rootName) {
  if (Array.isArray(schema)) return schema.map((s) => rewrite(s, rootName));
  if (!isObject(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OAS_ONLY.has(key)) {
      if (key === 'example' && !('examples' in schema)) out.examples = [value];
      continue;
    }
    if (key === '$ref') {
      const name = decodeURIComponent(value.slice(COMPONENT_REF.length));
      out.$ref = name === rootName ? '#' : `#/$defs/${encodeURIComponent(name)}`;
    } else if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') {
      out[key] = structuredClone(value);
    } else {
      out[key] = rewrite(value, rootName);
    }
  }
  return out;
}

/** The JSON body schema of a request body or response, as a component name. */
function bodySchemaName(spec, holder, fallbackName, inlineSchemas) {
  const resolved = deref(spec, holder);
  const media = resolved?.content?.['application/json'];
  if (!media?.schema) return undefined;
  if (typeof media.schema.$ref === 'string') {
    return { name: decodeURIComponent(media.schema.$ref.slice(COMPONENT_REF.length)), media };
  }
  // An inline body schema: give it a stable name of its own.
  inlineSchemas.set(fallbackName, media.schema);
  return { name: fallbackName, media };
}

/**
 * @param {object} spec parsed OpenAPI 3.1 document
 * @param {{ baseId: string }} options `$id` of each file is baseId + fileName
 */
export function deriveJsonSchemas(spec, { baseId }) {
  const components = spec.components?.schemas ?? {};
  const inlineSchemas = new Map();
  const schemaOf = (name) => inlineSchemas.get(name) ?? components[name];
  const fileOf = (name) => `${name}.json`;

  const operations = [];
  const bodies = new Map(); // schema name -> { role: Set, examples: Map<exampleName, value> }
  const noteBody = (name, role, media) => {
    const entry = bodies.get(name) ?? { roles: new Set(), examples: new Map() };
    entry.roles.add(role);
    for (const [exampleName, example] of Object.entries(media.examples ?? {})) {
      const value = deref(spec, example).value;
      if (value !== undefined && !entry.examples.has(exampleName)) entry.examples.set(exampleName, value);
    }
    if (media.example !== undefined && !entry.examples.has('example')) entry.examples.set('example', media.example);
    bodies.set(name, entry);
  };

  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id = op.operationId;
      if (!id) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const entry = { operationId: id, method: method.toUpperCase(), path };

      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
      if (parameters.length > 0) {
        entry.parameters = parameters.map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          schema: { $schema: DRAFT, ...rewrite(p.schema ?? {}, undefined) },
        }));
        for (const p of entry.parameters) {
          if (directRefs(p.schema).size > 0) throw new Error(`parameter ${p.name} of ${id} uses a $ref`);
        }
      }

      if (op.requestBody) {
        const body = bodySchemaName(spec, op.requestBody, `${id}Request`, inlineSchemas);
        if (body) {
          noteBody(body.name, 'request', body.media);
          entry.request = {
            contentType: 'application/json',
            required: Boolean(deref(spec, op.requestBody).required),
            schema: fileOf(body.name),
          };
        }
      }

      entry.responses = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const body = bodySchemaName(spec, response, `${id}Response${status}`, inlineSchemas);
        entry.responses[status] = body
          ? { contentType: 'application/json', schema: fileOf(body.name) }
          : { contentType: null, schema: null };
        if (body) noteBody(body.name, 'response', body.media);
      }
      operations.push(entry);
    }
  }

  const files = new Map();
  const schemaIndex = {};
  for (const name of [...bodies.keys()].sort()) {
    const root = schemaOf(name);
    if (!root) throw new Error(`body schema ${name} is not in components.schemas`);
    // Transitive closure of the components this body uses, in a stable order.
    const used = new Set();
    const queue = [...directRefs(root)];
    while (queue.length > 0) {
      const dep = queue.shift();
      if (dep === name || used.has(dep)) continue;
      if (!components[dep]) throw new Error(`${name} refers to a missing component ${dep}`);
      used.add(dep);
      queue.push(...directRefs(components[dep]));
    }
    const { title, description, ...rest } = rewrite(root, name);
    const doc = {
      $schema: DRAFT,
      $id: `${baseId}${fileOf(name)}`,
      title: title ?? name,
      ...(description ? { description } : {}),
      ...rest,
    };
    const examples = [...bodies.get(name).examples.values()];
    if (examples.length > 0 && !('examples' in doc)) doc.examples = examples;
    if (used.size > 0) {
      // Each definition is titled with its component name, so generators name types after it.
      doc.$defs = Object.fromEntries(
        [...used].sort().map((dep) => [dep, { title: dep, ...rewrite(components[dep], name) }]),
      );
    }
    files.set(fileOf(name), doc);
    schemaIndex[name] = {
      file: fileOf(name),
      $id: doc.$id,
      roles: [...bodies.get(name).roles].sort(),
      examples: [...bodies.get(name).examples.keys()],
    };
  }

  files.set('index.json', {
    $comment: 'Generated from spec/openapi.yaml by @vidukit/openapi scripts/bundle.mjs. Do not edit.',
    openapi: spec.openapi,
    specVersion: spec.info?.version,
    $schemaDialect: DRAFT,
    operations,
    schemas: schemaIndex,
  });
  return { files };
}

/** Throws unless every $ref in a standalone document points inside it. */
export function assertSelfContained(doc, fileName) {
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        if (value !== '#' && !value.startsWith('#/$defs/')) throw new Error(`${fileName}: external $ref ${value}`);
        const name = decodeURIComponent(value.slice('#/$defs/'.length));
        if (value !== '#' && !doc.$defs?.[name]) throw new Error(`${fileName}: dangling $ref ${value}`);
      } else if (key !== 'examples' && key !== 'default' && key !== 'const' && key !== 'enum') walk(value);
    }
  };
  walk(doc);
}
