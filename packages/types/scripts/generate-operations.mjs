#!/usr/bin/env node
// Writes src/generated/operations.ts: the one list of the spec's operations (id, method, path,
// kind, the CLI's model name from `x-vidu-model`, `x-vidu-task-type`, request and response
// schema names) and, separately so bundles that do not use them drop them, their named request
// examples. The client's methods, the simulator's routes, the CLI's model list, fixtures and
// benchmarks all derive from it, so adding an operation is a change to spec/openapi.yaml only.
//
//   node scripts/generate-operations.mjs          write it
//   node scripts/generate-operations.mjs --check  fail if the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deref } from '@vidukit/openapi/refs';
import { parse } from 'yaml';

const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const target = fileURLToPath(new URL('../src/generated/operations.ts', import.meta.url));
const spec = parse(readFileSync(specPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const COMPONENT = '#/components/';

const resolve = (node) => deref(spec, node);
const schemaName = (holder) => {
  const ref = resolve(holder)?.content?.['application/json']?.schema?.$ref;
  return typeof ref === 'string' ? ref.slice(`${COMPONENT}schemas/`.length) : undefined;
};

const operations = [];
const examples = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const id = op.operationId;
    const submit = Boolean(op.requestBody);
    if (submit && (typeof op['x-vidu-model'] !== 'string' || typeof op['x-vidu-task-type'] !== 'string')) {
      throw new Error(`${id}: a submit operation needs x-vidu-model and x-vidu-task-type in spec/openapi.yaml`);
    }
    operations.push({
      operationId: id,
      method: method.toUpperCase(),
      path,
      kind: submit ? 'submit' : 'read',
      ...(submit ? { model: op['x-vidu-model'], taskType: op['x-vidu-task-type'], requestSchema: schemaName(op.requestBody) } : {}),
      responseSchema: schemaName(op.responses['200']),
      summary: op.summary ?? '',
    });
    if (submit) {
      const named = resolve(op.requestBody).content['application/json'].examples ?? {};
      examples[id] = Object.fromEntries(Object.entries(named).map(([name, ex]) => [name, resolve(ex).value]));
    }
  }
}
const models = operations.filter((o) => o.kind === 'submit').map((o) => o.model);
if (new Set(models).size !== models.length) throw new Error(`x-vidu-model values must be unique: ${models.join(', ')}`);

const json = (v) => JSON.stringify(v, null, 2);
const text = `// Generated from spec/openapi.yaml by packages/types/scripts/generate-operations.mjs. Do not edit.
import type { components } from './openapi.js';

// Named request types, so that type errors and hovers say \`Q1ReferenceRequest\` instead of
// printing the whole object type; the fields and their descriptions are the spec's. TypeScript
// prints an alias of a schema (or an empty interface extending it) as the inline object, so
// each is the schema intersected with one optional member under a symbol nobody can name:
// invisible to completion, never required, assignable both ways to the spec's type. (Not
// interfaces: those lose the implicit index signature object types have.)
declare const named: unique symbol;
type Named = { readonly [named]?: never };

${operations
  .filter((o) => o.kind === 'submit')
  .map((o) => `/** Body of \`${o.method} ${o.path}\` (${o.operationId}). */\nexport type ${o.requestSchema} = components['schemas']['${o.requestSchema}'] & Named;`)
  .join('\n')}

/** The named request body of each submit operation. */
export interface SubmitRequestBodies {
${operations
  .filter((o) => o.kind === 'submit')
  .map((o) => `  ${o.operationId}: ${o.requestSchema};`)
  .join('\n')}
}

/** Every operation of the spec, keyed by operationId. */
export const OPERATIONS = ${json(Object.fromEntries(operations.map((o) => [o.operationId, o])))} as const;

/** The named request examples of each submit operation, as the spec gives them. */
export const OPERATION_EXAMPLES = ${json(examples)} as const;

/**
 * One typed method per submit operation, named by its operationId (the client implements it;
 * \`Options\` and \`Result\` are the client's per-call options and submit answer).
 */
export interface SubmitMethods<Options, Result> {
${operations
  .filter((o) => o.kind === 'submit')
  .map((o) => `  /** ${o.summary || o.operationId} (\`${o.method} ${o.path}\`, model \`${o.model}\`). Billed. */\n  ${o.operationId}(body: ${o.requestSchema}, opts?: Options): Promise<Result>;`)
  .join('\n')}
}
`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('src/generated/operations.ts is stale: run `node scripts/pnpm.mjs run generate` at the repo root and commit it');
    process.exit(1);
  }
  console.log(`operations.ts is up to date (${operations.length} operations)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote src/generated/operations.ts (${operations.length} operations)`);
}
