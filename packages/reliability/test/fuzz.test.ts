/**
 * Property-based fuzzing of every submit operation's body, with generators derived from the
 * request schemas in spec/openapi.yaml: each invalid body is one valid body with one
 * schema-breaking mutation at a known path, and must be rejected by the client before any
 * network call, with a ValidationError naming that path.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createViduClient, validateRequest, ValidationError, ViduError } from '@vidukit/client';
import { invalidBody, operationIds, validBody, type MutationKind } from '@vidukit/spec-arbitraries';

const KEY = 'sk-vidukit-SECRET-canary-123';
/** Invalid bodies per operation: 4 operations x 2,600 = 10,400 per run. */
const RUNS_PER_OPERATION = 2_600;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let networkCalls = 0;
const forbiddenFetch = (async () => {
  networkCalls++;
  throw new Error('the network must not be reached for an invalid body');
}) as typeof fetch;

const client = createViduClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', fetch: forbiddenFetch, maxRetries: 0 });
const byMethod: Record<string, (body: never) => Promise<unknown>> = {
  submitQ2ProFast: (b) => client.submitQ2ProFast(b),
  submitQ2ProMultiframe: (b) => client.submitQ2ProMultiframe(b),
  submitQ1Reference: (b) => client.submitQ1Reference(b),
  submitQ2Reference: (b) => client.submitQ2Reference(b),
};

const tally: Record<string, Partial<Record<MutationKind, number>>> = {};
let total = 0;

afterAll(() => {
  const kinds = [...new Set(Object.values(tally).flatMap((t) => Object.keys(t)))].sort();
  const lines = [`fuzz: ${total} invalid bodies, ${networkCalls} network calls`];
  for (const op of Object.keys(tally)) lines.push(`  ${op}: ${kinds.map((k) => `${k}=${tally[op]![k as MutationKind] ?? 0}`).join(' ')}`);
  console.log(lines.join('\n'));
});

describe('spec-derived generators', () => {
  it('finds the four submit operations in the spec', () => {
    expect(operationIds.sort()).toEqual(['submitQ1Reference', 'submitQ2ProFast', 'submitQ2ProMultiframe', 'submitQ2Reference']);
  });

  it.each(operationIds)('valid bodies of %s pass validation and do reach fetch (the guard is not vacuous)', async (op) => {
    let sent = 0;
    const spy = createViduClient({
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:9',
      maxRetries: 0,
      fetch: (async () => {
        sent++;
        return new Response(JSON.stringify({ task_id: 't-1' }), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch,
    });
    await fc.assert(
      fc.asyncProperty(validBody(op), async (body) => {
        expect(validateRequest(op, body)).toEqual([]);
        await expect(spy.submit(op as never, body as never)).resolves.toMatchObject({ task_id: 't-1' });
      }),
      { numRuns: 200, ...(seed !== undefined ? { seed } : {}) },
    );
    expect(sent).toBe(200);
  });
});

describe('invalid bodies', () => {
  it.each(operationIds)(
    `${RUNS_PER_OPERATION} invalid bodies of %s are rejected before any network call, naming the field`,
    async (op) => {
      tally[op] = {};
      const before = networkCalls;
      await fc.assert(
        fc.asyncProperty(invalidBody(op), async ({ body, mutation }) => {
          total++;
          tally[op]![mutation.kind] = (tally[op]![mutation.kind] ?? 0) + 1;
          // Plain checks, not expect(): this runs 10,400 times.
          const fail = (why: string) => {
            throw new Error(`${op} ${mutation.kind} at ${JSON.stringify(mutation.path)}: ${why}`);
          };
          // The pure validator names the path...
          const issues = validateRequest(op, body);
          if (!issues.some((i) => i.path === mutation.path)) fail(`validateRequest issues ${JSON.stringify(issues)}`);
          // ...and the client refuses with a ValidationError that names it, via both entry points.
          const call = total % 2 === 0 ? client.submit(op as never, body as never) : byMethod[op]!(body as never);
          const error = await call.then(
            () => undefined,
            (e: unknown) => e,
          );
          if (!(error instanceof ValidationError)) fail(`expected a ValidationError, got ${String(error)}`);
          const v = error as ValidationError;
          if (!v.issues.some((i) => i.path === mutation.path)) fail(`error issues ${JSON.stringify(v.issues)}`);
          if (mutation.path && !v.message.includes(mutation.path)) fail(`message ${v.message}`);
          if (v.operation !== op) fail(`operation ${String(v.operation)}`);
        }),
        { numRuns: RUNS_PER_OPERATION, ...(seed !== undefined ? { seed } : {}) },
      );
      expect(networkCalls).toBe(before);
      // Every kind of mutation the schema allows was exercised.
      expect(Object.keys(tally[op]!).length).toBeGreaterThanOrEqual(6);
    },
    60_000,
  );

  it('ran at least 10,000 invalid bodies in all, and none reached the network', () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(networkCalls).toBe(0);
  });

  it('odd values (BigInt, cycles, throwing getters, functions, symbols, NaN) give a ValidationError, never another crash', async () => {
    const cyclic: Record<string, unknown> = { prompt: 'x', duration: 5, subjects: [] };
    cyclic.self = cyclic;
    const throwing = { prompt: 'x', duration: 5, subjects: [{ name: '1', images: ['u'] }] };
    Object.defineProperty(throwing, 'seed', { enumerable: true, get: () => { throw new Error('getter boom'); } });
    const bodies: unknown[] = [
      undefined, null, 0, 'a string', [], [1, 2], true, () => 1, Symbol('s'),
      { prompt: 'x', duration: 5n, subjects: [{ name: '1', images: ['u'] }] },
      cyclic,
      throwing,
      { prompt: 'x', duration: Number.NaN, subjects: [{ name: '1', images: ['u'] }] },
      { prompt: 'x', duration: Infinity, subjects: [{ name: '1', images: ['u'] }] },
      { prompt: () => 'x', duration: 5, subjects: [{ name: '1', images: ['u'] }] },
      { prompt: Symbol('x'), duration: 5, subjects: [{ name: '1', images: ['u'] }] },
      { prompt: 'x', duration: 5, subjects: new Map([['name', '1']]) },
      { prompt: 'x', duration: 5, subjects: [{ name: '1', images: ['u'] }], toJSON: () => ({}) },
      Object.create(null),
      new Date(0),
    ];
    for (const op of operationIds) {
      for (const body of bodies) {
        let issues: unknown;
        expect(() => (issues = validateRequest(op, body))).not.toThrow();
        expect(Array.isArray(issues) && issues.length > 0).toBe(true);
        const error = await client.submit(op as never, body as never).then(() => undefined, (e: unknown) => e);
        expect(error, `${op} ${String(typeof body)}`).toBeInstanceOf(ValidationError);
        expect(error).toBeInstanceOf(ViduError);
      }
    }
    expect(networkCalls).toBe(0);
  });
});
