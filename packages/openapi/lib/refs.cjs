'use strict';
// The one `$ref` resolver of the repository, for the OpenAPI document and the standalone JSON
// Schemas derived from it. Local references only (`#`, `#/components/...`, `#/$defs/...`): the
// spec is self-contained by rule, so anything else is an error rather than a fetch.

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value a local JSON Pointer reference (`#/a/b~1c`) names in `doc`; throws if it names nothing. */
function pointer(doc, ref) {
  if (ref === '#') return doc;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${JSON.stringify(ref)}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) node = undefined;
    else node = Object.hasOwn(node, key) ? node[key] : undefined;
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node;
}

/**
 * Follows `node`'s `$ref` chain in `doc`. Sibling keywords next to a `$ref` override the
 * target's (OpenAPI 3.1 and JSON Schema 2020-12); `trail` lists the references followed.
 * Non-objects come back as they are.
 */
function resolveRefs(doc, node) {
  const trail = [];
  let out = node;
  const siblings = [];
  while (isObject(out) && typeof out.$ref === 'string') {
    if (trail.includes(out.$ref)) throw new Error(`$ref cycle: ${[...trail, out.$ref].join(' -> ')}`);
    const { $ref, ...rest } = out;
    trail.push($ref);
    siblings.unshift(rest);
    out = pointer(doc, $ref);
  }
  if (siblings.length === 0) return { node: out, trail };
  return { node: Object.assign({}, out, ...siblings), trail };
}

/** `resolveRefs(doc, node).node`. */
function deref(doc, node) {
  return resolveRefs(doc, node).node;
}

module.exports = { pointer, resolveRefs, deref };
