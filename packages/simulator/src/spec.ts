import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type JsonSchema = Record<string, unknown>;

export interface SpecSchemas {
  /** The inline JSON Schema of an operation's parameter, e.g. `getTaskResult`'s `task_id`. */
  parameter(operationId: string, name: string): JsonSchema | undefined;
  /** A standalone JSON Schema (draft 2020-12) by file name, e.g. `Q2ProFastRequest.json`. */
  schema(file: string): JsonSchema;
}

let cached: SpecSchemas | undefined;

/**
 * The standalone JSON Schemas (draft 2020-12) that `@vidukit/openapi` publishes, derived from
 * spec/openapi.yaml: the simulator knows no field or limit of its own.
 */
export function specSchemas(): SpecSchemas {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const indexFile = require.resolve('@vidukit/openapi/schemas/index.json');
  const dir = dirname(indexFile);
  const files = new Map<string, JsonSchema>();
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as {
    operations: { operationId: string; parameters?: { name: string; schema: JsonSchema }[] }[];
  };
  cached = {
    parameter(operationId, name) {
      return index.operations.find((op) => op.operationId === operationId)?.parameters?.find((p) => p.name === name)?.schema;
    },
    schema(file) {
      let doc = files.get(file);
      if (!doc) {
        doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema;
        files.set(file, doc);
      }
      return doc;
    },
  };
  return cached;
}
