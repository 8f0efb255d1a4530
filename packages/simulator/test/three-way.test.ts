// Three-way conformance: bodies generated from the spec's JSON Schemas go to the simulator and
// to Prism (mock from the spec, --errors), and @vidukit/client's validateRequest judges them
// too. All three must give every body the same verdict (accepted or rejected).
import { startPrism, type PrismServer } from '@vidukit/test-utils/prism';
import { validateRequest } from '@vidukit/client';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { bodyFor, submitOperations } from '@vidukit/spec-arbitraries';

const PER_OPERATION = 500;
const CONCURRENCY = 16;
const SEED = Number(process.env.THREE_WAY_SEED ?? 20261129);

let sim: SimulatorHandle;
let prism: PrismServer;
beforeAll(async () => {
  [sim, prism] = await Promise.all([startSimulator({ seed: 1 }), startPrism()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([sim?.close(), prism?.stop()]);
});

/** Accepted (200) or rejected (4xx); anything else is not a verdict. */
async function verdict(who: string, base: string, path: string, body: unknown): Promise<boolean> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-three-way-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status === 200) return true;
  if (res.status === 400 || res.status === 422) return false;
  throw new Error(`${who} answered ${res.status}: no verdict`);
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

it(`simulator, Prism and the client agree on ${PER_OPERATION} generated bodies per operation`, { timeout: 300_000 }, async () => {
  const cases = Object.keys(submitOperations).flatMap((opId) =>
    fc.sample(bodyFor(opId), { numRuns: PER_OPERATION, seed: SEED }).map((c) => ({ opId, ...c })),
  );
  let accepted = 0;
  const disagreements: string[] = [];
  await pool(cases, CONCURRENCY, async ({ opId, body, label }) => {
    const { path } = submitOperations[opId]!;
    const client = validateRequest(opId as Parameters<typeof validateRequest>[0], body as never).length === 0;
    const [simulator, prismSays] = await Promise.all([verdict('simulator', sim.url, path, body), verdict('Prism', prism.url, path, body)]);
    if (client && simulator && prismSays) accepted++;
    if (client !== simulator || client !== prismSays) {
      disagreements.push(`${opId} [${label}] client=${client} simulator=${simulator} prism=${prismSays} body=${JSON.stringify(body).slice(0, 300)}`);
    }
  });
  console.log(`three-way: ${cases.length} bodies, ${accepted} accepted by all, ${cases.length - accepted - disagreements.length} rejected by all, ${disagreements.length} disagreements`);
  expect(cases.length).toBeGreaterThanOrEqual(2000);
  expect(accepted).toBeGreaterThan(cases.length * 0.25);
  expect(cases.length - accepted).toBeGreaterThan(cases.length * 0.25);
  expect(disagreements.slice(0, 10)).toEqual([]);
  expect(sim.counts().tasksCreated).toBe(accepted);
});
