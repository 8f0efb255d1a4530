import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One operation as `@vidukit/openapi/schemas/index.json` lists it. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  request?: { contentType: string; required: boolean; schema: string };
  responses: Record<string, { contentType?: string; schema?: string }>;
}

export type JsonSchema = Record<string, unknown>;

export interface SpecSchemas {
  operations: SpecOperation[];
  /** A standalone JSON Schema (draft 2020-12) by file name, e.g. `Q2ProFastRequest.json`. */
  schema(file: string): JsonSchema;
}

let cached: SpecSchemas | undefined;

/**
 * The spec as the `@vidukit/openapi` package publishes it: its operation index and the
 * standalone JSON Schemas derived from spec/openapi.yaml. The simulator knows no field, limit or
 * path of its own.
 */
export function specSchemas(): SpecSchemas {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const indexFile = require.resolve('@vidukit/openapi/schemas/index.json');
  const dir = dirname(indexFile);
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { operations: SpecOperation[] };
  const files = new Map<string, JsonSchema>();
  cached = {
    operations: index.operations,
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
