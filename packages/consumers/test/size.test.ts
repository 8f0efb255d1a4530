// The browser bundle of client + polling, minified and gzipped, against a budget. The budget is
// a byte count (deterministic), not a time, so it belongs in the test command.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';

const resolveDir = fileURLToPath(new URL('.', import.meta.url));
const validatorsPath = fileURLToPath(new URL('../../client/src/generated/validators.js', import.meta.url));

/** gzipped bytes; raise only with a reason in the changeset. */
const BUDGET = { clientAndPolling: 30 * 1024 };

describe('browser bundle size', () => {
  it('client + polling stay within budget', async () => {
    const both = await bundleForBrowser(`export * from '@vidukit/client'; export * from '@vidukit/polling';`, { resolveDir, target: 'es2022' });
    const fetchOnly = await bundleForBrowser(`export * from 'openapi-fetch';`, { resolveDir, target: 'es2022' });
    const validators = await bundleForBrowser(`export * from ${JSON.stringify(validatorsPath)};`, { resolveDir, target: 'es2022' });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      [
        `client + polling: ${kb(both.bytes)} minified, ${kb(both.gzipBytes)} gzipped (budget ${kb(BUDGET.clientAndPolling)})`,
        `openapi-fetch alone: ${kb(fetchOnly.bytes)} minified, ${kb(fetchOnly.gzipBytes)} gzipped`,
        `of which spec-compiled validators: ${kb(validators.bytes)} minified, ${kb(validators.gzipBytes)} gzipped`,
      ].join('\n'),
    );
    expect(both.gzipBytes).toBeLessThanOrEqual(BUDGET.clientAndPolling);
    expect(both.code).not.toMatch(/require\(["']node:/);
  });
});
