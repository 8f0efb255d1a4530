// Renders the Go package `vidu` (go/models.go) from the spec's component schemas: one named
// type per component (structs, string enums with constants, aliases for scalars and arrays),
// one per inline enum, a doc comment on every type, and the operations table.
// Pure: takes the parsed spec and the operations of schemas/index.json, returns Go source
// (gofmt is run afterwards by generate-models.mjs).
//
// Written here rather than with quicktype because quicktype merges identical enums of different
// properties under one invented name (`Q2ERequestResolution`), names constants `Purple1080P`,
// leaves most types without a comment and drops schemas that no body uses directly
// (KnownErrorReason).

const COMPONENT_REF = '#/components/schemas/';
const INITIALISMS = new Set(['id', 'url', 'ttl', 'ms', 'nsfw', 'api', 'http', 'json']);

// Words of a name (snake_case, camelCase or SCREAMING_CASE), capitalised, initialisms upper-cased.
const pascal = (s) =>
  String(s)
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((w) => {
      if (INITIALISMS.has(w.toLowerCase())) return w.toUpperCase();
      const word = /^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w;
      return word[0].toUpperCase() + word.slice(1);
    })
    .join('');
const refName = (schema) => (typeof schema?.$ref === 'string' ? decodeURIComponent(schema.$ref.slice(COMPONENT_REF.length)) : undefined);
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();

/** Wraps text as `//` comment lines of at most ~100 columns, with the given indent. */
function comment(text, indent = '') {
  const lines = [];
  for (const paragraph of String(text).trim().split(/\n\s*\n/)) {
    if (lines.length) lines.push(`${indent}//`);
    let line = '';
    for (const word of oneLine(paragraph).split(' ')) {
      if (line && line.length + word.length + 1 > 96) {
        lines.push(`${indent}// ${line}`);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(`${indent}// ${line}`);
  }
  return lines.join('\n');
}

/** The constant name of one enum value: TASK_STATUS_SUCCEED of TaskStatus -> TaskStatusSucceed. */
function constName(typeName, value) {
  let words = pascal(String(value).replace(/:/g, 'x'));
  if (words.startsWith(typeName)) words = words.slice(typeName.length);
  return `${typeName}${/^[0-9]/.test(words) || words === '' ? words || 'Empty' : words}`;
}

export function renderGoModels(spec, operations, header) {
  const components = spec.components.schemas;
  const types = []; // { name, doc, body } in output order
  const inlineEnums = [];
  const usedBy = new Map(); // component -> ['Parent.prop', ...]

  for (const [parent, schema] of Object.entries(components)) {
    for (const part of [schema, ...(schema.allOf ?? [])]) {
      for (const [prop, p] of Object.entries(part.properties ?? {})) {
        for (const r of [refName(p), refName(p.items), ...(p.anyOf ?? []).map(refName)].filter(Boolean)) {
          usedBy.set(r, [...(usedBy.get(r) ?? []), `${parent}.${prop}`]);
        }
      }
    }
  }
  const roles = new Map(); // component -> sentence naming the operations that use it as a body
  for (const op of operations) {
    const where = `${op.operationId} (${op.method} ${op.path})`;
    if (op.request) roles.set(op.request.schema.replace(/\.json$/, ''), `the request body of ${where}`);
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      const name = r.schema?.replace(/\.json$/, '');
      if (!name) continue;
      const prev = roles.get(name);
      const role = `the ${status} response body of ${where}`;
      if (!prev) roles.set(name, role);
      else if (!prev.includes(where) && prev.startsWith('the ') && !prev.startsWith('the request')) roles.set(name, `${prev}; also of ${where}`);
    }
  }
  // ErrorBody answers every 4xx/5xx of every operation: say so once instead of 24 times.
  if (components.ErrorBody) roles.set('ErrorBody', 'the body of every 4xx and 5xx response');

  const goType = (schema, owner, prop, required) => {
    const ref = refName(schema);
    if (ref) return { type: goName(ref), pointer: !required && pointerable(components[ref]) };
    if (schema.anyOf) {
      const named = schema.anyOf.map(refName).find(Boolean);
      if (named && schema.anyOf.every((s) => refName(s) || s.type === 'string')) {
        return { type: goName(named), pointer: !required };
      }
      throw new Error(`go-models: unsupported anyOf at ${owner}.${prop}`);
    }
    if (schema.enum && schema.type === 'string') {
      const name = `${owner}${pascal(prop)}`;
      inlineEnums.push({ name, schema, where: `${owner}.${prop}` });
      return { type: name, pointer: !required };
    }
    if (schema.type === 'array') return { type: `[]${goType(schema.items, owner, prop, true).type}`, pointer: false };
    if (schema.type === 'object' && !schema.properties) return { type: 'map[string]any', pointer: false };
    const scalar = { string: 'string', integer: 'int64', number: 'float64', boolean: 'bool' }[schema.type];
    if (!scalar) throw new Error(`go-models: unsupported schema at ${owner}.${prop}: ${JSON.stringify(schema).slice(0, 80)}`);
    return { type: scalar, pointer: !required };
  };
  const pointerable = (schema) => !(schema.type === 'array' || Array.isArray(schema.type) || (schema.type === 'object' && !schema.properties));
  const goName = (component) => pascal(component);

  const typeDoc = (name, component, schema) => {
    const role = roles.get(component);
    const uses = usedBy.get(component) ?? [];
    const first = role
      ? `${name} is ${role}.`
      : `${name} is the ${component} schema of the spec${uses.length ? `, used by ${uses.slice(0, 4).join(', ')}${uses.length > 4 ? ', ...' : ''}` : ''}.`;
    return [first, schema.description].filter(Boolean).join('\n\n');
  };

  const fieldLines = (owner, schema) => {
    const parts = [schema, ...(schema.allOf ?? []).map((p) => components[refName(p)] ?? p)];
    const required = new Set(parts.flatMap((p) => p.required ?? []));
    const lines = [];
    for (const part of parts) {
      for (const [prop, p] of Object.entries(part.properties ?? {})) {
        const { type, pointer } = goType(p, owner, prop, required.has(prop));
        const target = components[refName(p)];
        const description = p.description ?? target?.description;
        const extra = [
          required.has(prop) ? 'Required.' : undefined,
          p.default !== undefined ? `Default ${JSON.stringify(p.default)}.` : target?.default !== undefined ? `Default ${JSON.stringify(target.default)}.` : undefined,
        ].filter(Boolean);
        const doc = [description && oneLine(description), ...extra].filter(Boolean).join(' ');
        if (lines.length) lines.push('');
        if (doc) lines.push(comment(doc, '\t'));
        const tag = `json:"${prop}${required.has(prop) ? '' : ',omitempty'}"`;
        lines.push(`\t${pascal(prop)} ${pointer ? '*' : ''}${type} \`${tag}\``);
      }
    }
    return lines.join('\n');
  };

  const enumBody = (name, values) =>
    `type ${name} string\n\nconst (\n${values.map((v) => `\t${constName(name, v)} ${name} = ${JSON.stringify(v)}`).join('\n')}\n)`;

  for (const [component, schema] of Object.entries(components)) {
    const name = goName(component);
    const doc = typeDoc(name, component, schema);
    let body;
    if (schema.properties || schema.allOf) body = `type ${name} struct {\n${fieldLines(name, schema)}\n}`;
    else if (schema.enum && schema.type === 'string') body = enumBody(name, schema.enum);
    else if (Array.isArray(schema.type)) body = unionType(name, schema.type);
    else if (schema.type === 'array') body = `type ${name} = []${goType(schema.items, name, 'items', true).type}`;
    else body = `type ${name} = ${goType(schema, name, '', true).type}`;
    types.push({ doc, body });
  }
  for (const { name, schema, where } of inlineEnums) {
    types.push({ doc: [`${name} is the type of ${where}.`, schema.description].filter(Boolean).join('\n\n'), body: enumBody(name, schema.enum) });
  }

  const ops = operations.map(
    (op) =>
      `\t{ID: ${JSON.stringify(op.operationId)}, Method: ${JSON.stringify(op.method)}, Path: ${JSON.stringify(op.path)}, ` +
      `RequestBody: ${JSON.stringify(op.request ? goName(op.request.schema.replace(/\.json$/, '')) : '')}},`,
  );

  return `// ${header}

// Package vidu holds Go types for the request and response bodies of the Vidu asynchronous video
// API as resold by Novita-compatible providers (novita, highwayapi, myrouter), generated from the
// OpenAPI document of @vidukit/openapi. It uses only the standard library.
//
// The types do not check ranges, lengths or unknown properties: validate request bodies against
// the JSON Schemas shipped in @vidukit/openapi (dist/schemas/) with any draft 2020-12 validator.
// Response types tolerate unknown properties and unknown enum values, as the spec asks.
package vidu

import (
\t"bytes"
\t"encoding/json"
\t"fmt"
\t"strconv"
)

${types.map((t) => `${comment(t.doc)}\n${t.body}`).join('\n\n')}

// Operation is one operation of the spec: its operationId, HTTP method, path, and the name of its
// request body type (empty when it has none).
type Operation struct {
\tID          string
\tMethod      string
\tPath        string
\tRequestBody string
}

// Operations lists every operation of the spec, in the spec's order.
var Operations = []Operation{
${ops.join('\n')}
}
${UNION_HELPERS}`;
}

/** A [string, integer] or [string, number] union: the value as text, either form accepted. */
function unionType(name, typeList) {
  const kinds = [...typeList].sort().join(',');
  if (kinds !== 'integer,string' && kinds !== 'number,string') throw new Error(`go-models: unsupported union ${kinds} for ${name}`);
  const integer = kinds === 'integer,string';
  const accessor = integer
    ? `// Int64 parses the value as a base-10 integer.\nfunc (v ${name}) Int64() (int64, error) { return strconv.ParseInt(string(v), 10, 64) }`
    : `// Float64 parses the value as a number.\nfunc (v ${name}) Float64() (float64, error) { return strconv.ParseFloat(string(v), 64) }`;
  return `type ${name} string

// UnmarshalJSON accepts a JSON string or number; null leaves the value unchanged.
func (v *${name}) UnmarshalJSON(data []byte) error {
\ttext, err := unmarshalStringOrNumber(data)
\tif err != nil {
\t\treturn fmt.Errorf("${name}: %w", err)
\t}
\tif text != nil {
\t\t*v = ${name}(*text)
\t}
\treturn nil
}

// MarshalJSON writes a JSON number when the text is one, otherwise a JSON string.
func (v ${name}) MarshalJSON() ([]byte, error) { return marshalStringOrNumber(string(v)) }

${accessor}`;
}

const UNION_HELPERS = `
func unmarshalStringOrNumber(data []byte) (*string, error) {
\tvar raw any
\tdecoder := json.NewDecoder(bytes.NewReader(data))
\tdecoder.UseNumber()
\tif err := decoder.Decode(&raw); err != nil {
\t\treturn nil, err
\t}
\tswitch value := raw.(type) {
\tcase nil:
\t\treturn nil, nil
\tcase string:
\t\treturn &value, nil
\tcase json.Number:
\t\ttext := value.String()
\t\treturn &text, nil
\tdefault:
\t\treturn nil, fmt.Errorf("want a string or a number, got %T", raw)
\t}
}

func marshalStringOrNumber(text string) ([]byte, error) {
\tif text != "" && json.Valid([]byte(text)) {
\t\tif _, err := strconv.ParseFloat(text, 64); err == nil {
\t\t\treturn []byte(text), nil
\t\t}
\t}
\treturn json.Marshal(text)
}
`;
