// The browser bundle of client + polling, minified and gzipped, against a budget. The budget is
// a byte count (deterministic), not a time, so it belongs in the test command.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.js';

const validatorsPath = fileURLToPath(new URL('../../client/src/generated/validators.js', import.meta.url));

/** gzipped bytes; raise only with a reason in the changeset. */
const BUDGET = { clientAndPolling: 30 * 1024 };

describe('browser bundle size', () => {
  it('client + polling stay within budget', async () => {
    const both = await bundle(`export * from '@vidukit/client'; export * from '@vidukit/polling';`);
    const fetchOnly = await bundle(`export * from 'openapi-fetch';`);
    const validators = await bundle(`export * from ${JSON.stringify(validatorsPath)};`);
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
