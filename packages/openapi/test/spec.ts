// Reads the spec the tests check, so example bodies and operations come from one place.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
type Examples = Record<string, { value?: unknown }>;
interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: unknown; examples?: Examples }> };
  responses?: Record<string, { content?: Record<string, { examples?: Examples }> }>;
}
interface Spec {
  jsonSchemaDialect?: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
  [key: string]: unknown;
}

export const spec: Spec = parse(readFileSync(specPath, 'utf8'));
const valuesOf = (examples: Examples | undefined) => Object.fromEntries(Object.entries(examples ?? {}).map(([k, v]) => [k, v.value]));

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  requestExamples: Record<string, unknown>;
  responseExamples: Record<string, unknown>;
}

export const operations: SpecOperation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    requestExamples: valuesOf(op.requestBody?.content?.['application/json']?.examples),
    responseExamples: valuesOf(op.responses?.['200']?.content?.['application/json']?.examples),
  })),
);

export const byId = (id: string): SpecOperation => {
  const op = operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id} in the spec`);
  return op;
};
