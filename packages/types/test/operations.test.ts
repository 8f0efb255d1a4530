import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import { OPERATIONS, OPERATION_EXAMPLES, SUBMIT_OPERATIONS, operationForModel, type ModelName, type SubmitOperationId } from '../src/index.js';

const spec = parse(readFileSync(new URL('../../../spec/openapi.yaml', import.meta.url), 'utf8'));

describe('the generated operations list', () => {
  it('has every operation of the spec, with its method and path', () => {
    const fromSpec = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId: string }>).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    const listed = Object.values(OPERATIONS).map((op) => `${op.method} ${op.path} ${op.operationId}`);
    expect(listed.sort()).toEqual(fromSpec.sort());
  });

  it('gives each submit a unique model name, a task type, a request schema and its examples', () => {
    expect(SUBMIT_OPERATIONS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(SUBMIT_OPERATIONS.map((op) => op.model)).size).toBe(SUBMIT_OPERATIONS.length);
    for (const op of SUBMIT_OPERATIONS) {
      expect(spec.components.schemas[op.requestSchema], op.requestSchema).toBeTruthy();
      expect(op.taskType).toMatch(/^[A-Z0-9_]+$/);
      expect(Object.keys(OPERATION_EXAMPLES[op.operationId]).length).toBeGreaterThan(0);
      expect(operationForModel(op.model)).toBe(op);
    }
    expect(operationForModel('no-such-model')).toBeUndefined();
  });

  it('derives the id and model name types from the list', () => {
    expectTypeOf<SubmitOperationId>().toEqualTypeOf<'submitQ2ProFast' | 'submitQ2ProMultiframe' | 'submitQ1Reference' | 'submitQ2Reference'>();
    expectTypeOf<ModelName>().toEqualTypeOf<'q2-pro-fast' | 'q2-pro-multiframe' | 'q1-reference' | 'q2-reference'>();
  });
});
