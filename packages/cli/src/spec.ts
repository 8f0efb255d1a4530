/**
 * The models as the spec describes them. The model names come from the operations list
 * generated from the spec (`x-vidu-model`); every option, limit and default shown by
 * `vidu models` (and every default the CLI fills in) is read from @vidukit/openapi's bundled
 * JSON at run time.
 */
import { createRequire } from 'node:module';
import { resolveRefs } from '@vidukit/openapi/refs';
import { SUBMIT_OPERATIONS } from '@vidukit/types';

/** Model name (`x-vidu-model` in the spec) -> its submit operation id. */
export type ModelOperations = {
  readonly [Op in (typeof SUBMIT_OPERATIONS)[number] as Op['model']]: Op['operationId'];
};

/** Model name (`x-vidu-model` in the spec) -> submit operation id, from the generated operations list. */
export const MODELS: ModelOperations = Object.freeze(Object.fromEntries(SUBMIT_OPERATIONS.map((op) => [op.model, op.operationId]))) as ModelOperations;

export type ModelName = keyof typeof MODELS;
export type OperationId = (typeof MODELS)[ModelName];
export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODELS, name);
}

type Json = Record<string, unknown>;

let cached: Json | undefined;
/** The bundled OpenAPI document of @vidukit/openapi. */
export function loadSpec(): Json {
  if (!cached) cached = createRequire(import.meta.url)('@vidukit/openapi/openapi.json') as Json;
  return cached;
}

/** Follows local `$ref`s (`#/components/...`); sibling keywords of a `$ref` override the target's (OpenAPI 3.1). */
export function deref(spec: Json, node: unknown): Json {
  if (!node || typeof node !== 'object') return {};
  return resolveRefs<Json>(spec, node).node;
}

/** One option of a request body, flattened for display. */
export interface FieldInfo {
  name: string;
  required: boolean;
  type: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
  /** For arrays of objects: the fields of each item. For arrays of strings: the item's description. */
  items?: FieldInfo[];
  itemType?: string;
}

export interface ModelInfo {
  name: ModelName;
  operationId: OperationId;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  fields: FieldInfo[];
}

function typeOf(schema: Json): string {
  const t = schema.type;
  if (Array.isArray(t)) return t.join(' | ');
  if (typeof t === 'string') return t;
  return 'any';
}

function fieldsOf(spec: Json, schema: Json): FieldInfo[] {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, raw]) => fieldOf(spec, name, deref(spec, raw), required.has(name)));
}

function fieldOf(spec: Json, name: string, s: Json, required: boolean): FieldInfo {
  const f: FieldInfo = { name, required, type: typeOf(s) };
  for (const k of ['enum', 'default', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (s[k] !== undefined) (f as unknown as Json)[k] = s[k];
  }
  if (typeof s.description === 'string') f.description = s.description.trim().replace(/\s+/g, ' ');
  if (f.type === 'array' && s.items) {
    const item = deref(spec, s.items);
    if (typeOf(item) === 'object') f.items = fieldsOf(spec, item);
    else f.itemType = typeOf(item);
  }
  return f;
}

/**
 * Reads one model's operation and request schema from the spec.
 *
 * @example
 * ```ts
 * import { modelInfo } from '@vidukit/cli';
 *
 * const info = modelInfo('q2-pro-fast');
 * console.log(info.operationId, info.fields.map((f) => f.name));
 * ```
 */
export function modelInfo(name: ModelName): ModelInfo {
  const spec = loadSpec();
  const operationId = MODELS[name];
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      const o = op as Json;
      if (o?.operationId !== operationId) continue;
      const content = ((o.requestBody as Json | undefined)?.content ?? {}) as Record<string, Json>;
      const schema = deref(spec, content['application/json']?.schema);
      const info: ModelInfo = { name, operationId, method: method.toUpperCase(), path, fields: fieldsOf(spec, schema) };
      if (typeof o.summary === 'string') info.summary = o.summary;
      if (typeof o.description === 'string') info.description = o.description.trim().replace(/\s+/g, ' ');
      return info;
    }
  }
  throw new Error(`the spec has no operation ${operationId} (is @vidukit/openapi built?)`);
}

/** Human summary of a field's limits: `integer 1..10, default 5`. */
export function describeLimits(f: FieldInfo): string {
  const parts: string[] = [];
  let t = f.type;
  if (f.type === 'array') t = f.items ? 'array of objects' : `array of ${f.itemType ?? 'any'}`;
  parts.push(t);
  if (f.enum) parts.push(f.enum.length === 1 ? `only ${String(f.enum[0])}` : `one of ${f.enum.map((v) => String(v)).join('|')}`);
  if (f.minimum !== undefined || f.maximum !== undefined) parts.push(`${f.minimum ?? ''}..${f.maximum ?? ''}`);
  if (f.minLength !== undefined || f.maxLength !== undefined) {
    parts.push(f.minLength ? `${f.minLength}..${f.maxLength ?? ''} chars` : `at most ${f.maxLength} chars`);
  }
  if (f.minItems !== undefined || f.maxItems !== undefined) {
    if (f.minItems !== undefined && f.maxItems !== undefined) parts.push(`${f.minItems}..${f.maxItems} items`);
    else if (f.minItems !== undefined) parts.push(`at least ${f.minItems} item${f.minItems === 1 ? '' : 's'}`);
    else parts.push(`at most ${f.maxItems} items`);
  }
  if (f.default !== undefined) parts.push(`default ${JSON.stringify(f.default)}`);
  return parts.join(', ');
}
