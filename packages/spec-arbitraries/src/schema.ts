/** The request schemas of the spec (the published @vidukit/openapi document), resolved. */
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

export function typesOf(s: Schema): string[] {
  if (s.enum) return [...new Set(s.enum.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)))];
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}
