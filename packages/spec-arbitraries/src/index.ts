/**
 * The one module of fast-check arbitraries derived from the request schemas in spec/openapi.yaml,
 * for every suite that fuzzes bodies (client differential, reliability fuzz, three-way
 * conformance): a valid body per operation, boundaries favoured, and invalid bodies made by one
 * schema-breaking mutation of a valid one at a known path (mutations.ts). Nothing here hard-codes
 * a limit or an operation: bounds, enums and operations are read from the spec (schema.ts).
 */
import fc from 'fast-check';
import { type Mutation, mutationsAt, sites } from './mutations.js';
import { requestSchemas, type Schema, deref, typesOf } from './schema.js';

export { toPath, type Mutation, type MutationKind } from './mutations.js';
export { deref, operationIds, requestSchemas, type Schema, spec, submitOperations } from './schema.js';

const text = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom('a', 'b', 'z', ' ', '@', '1', 'é', '猫', '🎬', '\n') });

/** A valid value for a schema (small: strings at most 40 characters unless the minimum is larger). */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  const arbs = types.map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'string': {
        if (s.contentMediaType === 'application/json') return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
        const min = s.minLength ?? 0;
        const small = text(min, Math.min(s.maxLength ?? Infinity, Math.max(min, 40)));
        if (s.maxLength === undefined || s.maxLength > 5000) return small;
        // At the limit, in characters that are two UTF-8 bytes and two UTF-16 units: length counting differs.
        const max = s.maxLength;
        return fc.oneof({ weight: 5, arbitrary: small }, { weight: 1, arbitrary: fc.constant('é'.repeat(max)) }, { weight: 1, arbitrary: fc.constant('😀'.repeat(max)) });
      }
      case 'integer': {
        const min = s.minimum ?? -(2 ** 31);
        const max = s.maximum ?? 2 ** 31 - 1;
        return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
      }
      case 'number':
        return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = s.minItems ?? 0;
        const some = fc.array(validValue(s.items ?? {}), { minLength: min, maxLength: Math.min(s.maxItems ?? Infinity, min + 3) });
        if (s.maxItems === undefined) return some;
        const full = fc.array(validValue(s.items ?? {}), { minLength: s.maxItems, maxLength: s.maxItems });
        return fc.oneof({ weight: 4, arbitrary: some }, { weight: 1, arbitrary: full });
      }
      case 'object': {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const rec: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) rec[k] = validValue(v);
        return fc.record(rec, { requiredKeys: [...required] });
      }
      default:
        throw new Error(`validValue: no generator for type ${t}`);
    }
  });
  if (arbs.length === 0) throw new Error(`validValue: schema without a type: ${JSON.stringify(s)}`);
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

export const validBody = (operationId: string) => validValue(requestSchemas[operationId]!) as fc.Arbitrary<Record<string, unknown>>;

export interface InvalidCase {
  operationId: string;
  valid: Record<string, unknown>;
  mutation: Mutation;
  body: unknown;
}

/** A valid body of the operation with exactly one schema-breaking mutation applied. */
export function invalidBody(operationId: string): fc.Arbitrary<InvalidCase> {
  return validBody(operationId).chain((valid) => {
    const all = sites(valid, requestSchemas[operationId]!).flatMap(mutationsAt);
    return fc.oneof(...all).map((mutation) => ({ operationId, valid, mutation, body: mutation.apply(valid) }));
  });
}

/** A body for `operationId`: valid about half the time, else one mutation; `label` says which. */
export function bodyFor(operationId: string): fc.Arbitrary<{ body: unknown; label: string }> {
  return fc.oneof(
    validBody(operationId).map((body) => ({ body: body as unknown, label: 'valid' })),
    invalidBody(operationId).map((c) => ({ body: c.body, label: `${c.mutation.path || 'body'}: ${c.mutation.kind}` })),
  );
}
