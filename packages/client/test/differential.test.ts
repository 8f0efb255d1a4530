// Differential test: for every generated body, validateRequest's verdict must equal Prism's
// (the spec's reference validator). Valid -> Prism answers 200; invalid -> 400/422 with an
// `sl-violations` header. No false accept, no false reject.
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { validateRequest } from '../src/index.js';
import { bodyFor, submitOperations } from '@vidukit/spec-arbitraries';

const baseUrl = inject('contractBaseUrl');
const isMock = inject('contractIsMock');
const PER_OPERATION = 300;
const CONCURRENCY = 16;
const SEED = Number(process.env.DIFF_SEED ?? 20251120);

/** Bodies no generator would think of: not objects, odd keys, odd JSON. */
const HOSTILE: { opId: string; body: unknown; label: string }[] = Object.keys(submitOperations).flatMap((opId) => [
  { opId, body: [], label: 'array body' },
  { opId, body: 'text', label: 'string body' },
  { opId, body: 12, label: 'number body' },
  { opId, body: true, label: 'boolean body' },
  { opId, body: {}, label: 'empty object' },
  { opId, body: JSON.parse('{"__proto__": {"prompt": "x"}}'), label: 'own __proto__ only' },
  { opId, body: JSON.parse('{"constructor": {"prototype": {}}}'), label: 'constructor key' },
]);

async function prismVerdict(path: string, body: unknown): Promise<{ valid: boolean; status: number; violations: string | null }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-differential-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  const violations = res.headers.get('sl-violations');
  if (res.status === 200) return { valid: true, status: 200, violations };
  if ((res.status === 400 || res.status === 422) && violations) return { valid: false, status: res.status, violations };
  throw new Error(`Prism answered ${res.status} without a verdict (sl-violations: ${violations})`);
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

describe.runIf(isMock)('validateRequest agrees with Prism', () => {
  it(`on ${PER_OPERATION} generated bodies per operation plus hostile ones`, async () => {
    const cases = [...HOSTILE];
    for (const opId of Object.keys(submitOperations)) {
      for (const c of fc.sample(bodyFor(opId), { numRuns: PER_OPERATION, seed: SEED })) cases.push({ opId, ...c });
    }
    const started = Date.now();
    let validCount = 0;
    const disagreements: string[] = [];
    let falseAccepts = 0;
    let falseRejects = 0;
    await pool(cases, CONCURRENCY, async ({ opId, body, label }) => {
      const issues = validateRequest(opId, body);
      const prism = await prismVerdict(submitOperations[opId]!.path, body);
      if (prism.valid) validCount++;
      const ours = issues.length === 0;
      if (ours !== prism.valid) {
        if (ours) falseAccepts++;
        else falseRejects++;
        disagreements.push(
          `${opId} [${label}] ours=${ours ? 'valid' : JSON.stringify(issues)} prism=${prism.status} ${prism.violations}\n  body=${JSON.stringify(body).slice(0, 300)}`,
        );
      }
    });
    const summary = `differential: ${cases.length} bodies (${validCount} valid, ${cases.length - validCount} invalid per Prism), ` +
      `${cases.length - disagreements.length} agree, ${falseAccepts} false accepts, ${falseRejects} false rejects, ${Date.now() - started} ms`;
    console.log(summary);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(validCount).toBeGreaterThan(cases.length * 0.25);
    expect(cases.length - validCount).toBeGreaterThan(cases.length * 0.25);
    expect(disagreements.slice(0, 10)).toEqual([]);
  }, 120_000);
});
