// Lists every constraint the spec puts on request bodies, as `path:keyword[:field]` keys (array
// items as `*`), so the contract suite can prove its hand-written table leaves none untested.
import { deref } from '@vidukit/openapi/refs';
import { spec } from './spec.js';

interface SchemaNode {
  required?: string[];
  additionalProperties?: unknown;
  minLength?: number;
  properties?: Record<string, unknown>;
  items?: unknown;
  [keyword: string]: unknown;
}

const resolve = (node: unknown): SchemaNode => deref<SchemaNode>(spec, node);

const CHECKED = ['type', 'enum', 'minimum', 'maximum', 'maxLength', 'minItems', 'maxItems'] as const;

export function constraintsOf(schemaNode: unknown, path: string[] = []): string[] {
  const node = resolve(schemaNode);
  const at = path.join('.');
  const out: string[] = [];
  for (const keyword of CHECKED) if (node[keyword] !== undefined) out.push(`${at}:${keyword}`);
  if ((node.minLength ?? 0) > 0) out.push(`${at}:minLength`);
  for (const field of node.required ?? []) out.push(`${at}:required:${field}`);
  if (node.additionalProperties === false) out.push(`${at}:additionalProperties`);
  for (const [name, child] of Object.entries(node.properties ?? {})) out.push(...constraintsOf(child, [...path, name]));
  if (node.items) out.push(...constraintsOf(node.items, [...path, '*']));
  return out;
}

export function requestConstraints(operationId: string): string[] {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (op.operationId === operationId && schema) return constraintsOf(schema);
    }
  }
  throw new Error(`no request body for ${operationId}`);
}
