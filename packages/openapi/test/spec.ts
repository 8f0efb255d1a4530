// Reads the spec the tests check, so example bodies and operations come from one place.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
export const spec = parse(readFileSync(specPath, 'utf8'));

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  requestExamples: Record<string, unknown>;
  responseExamples: Record<string, unknown>;
}

export const operations: SpecOperation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, any>).map(([method, op]) => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    requestExamples: Object.fromEntries(
      Object.entries(op.requestBody?.content?.['application/json']?.examples ?? {}).map(([k, v]: [string, any]) => [k, v.value]),
    ),
    responseExamples: Object.fromEntries(
      Object.entries(op.responses?.['200']?.content?.['application/json']?.examples ?? {}).map(([k, v]: [string, any]) => [k, v.value]),
    ),
  })),
);

export const byId = (id: string): SpecOperation => {
  const op = operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id} in the spec`);
  return op;
};
