// The browser bundle of client + polling, minified and gzipped, against a budget. The budget is
// a byte count (deterministic), not a time, so it belongs in the test command.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';

const resolveDir = fileURLToPath(new URL('.', import.meta.url));
const validatorsPath = fileURLToPath(new URL('../../client/src/generated/validators.js', import.meta.url));

/**
 * gzipped bytes; raise only with a reason in the changeset. The main entries (submit, validate,
 * wait) keep the 26.8 KiB of the release before the hardening; the streaming downloader is its
 * own entry (`@vidukit/polling/download`) with its own budget.
 */
const BUDGET = { clientAndPolling: 26.8 * 1024, withDownloader: 31 * 1024 };

describe('browser bundle size', () => {
  it('client + polling stay within budget', async () => {
    const both = await bundleForBrowser(`export * from '@vidukit/client'; export * from '@vidukit/polling';`, { resolveDir, target: 'es2022' });
    const all = await bundleForBrowser(`export * from '@vidukit/client'; export * from '@vidukit/polling'; export * from '@vidukit/polling/download';`, { resolveDir, target: 'es2022' });
    const fetchOnly = await bundleForBrowser(`export * from 'openapi-fetch';`, { resolveDir, target: 'es2022' });
    const validators = await bundleForBrowser(`export * from ${JSON.stringify(validatorsPath)};`, { resolveDir, target: 'es2022' });
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      [
        `client + polling: ${kb(both.bytes)} minified, ${kb(both.gzipBytes)} gzipped (budget ${kb(BUDGET.clientAndPolling)})`,
        `client + polling + polling/download: ${kb(all.bytes)} minified, ${kb(all.gzipBytes)} gzipped (budget ${kb(BUDGET.withDownloader)})`,
        `openapi-fetch alone: ${kb(fetchOnly.bytes)} minified, ${kb(fetchOnly.gzipBytes)} gzipped`,
        `of which spec-compiled validators: ${kb(validators.bytes)} minified, ${kb(validators.gzipBytes)} gzipped`,
      ].join('\n'),
    );
    expect(both.gzipBytes).toBeLessThanOrEqual(BUDGET.clientAndPolling);
    expect(all.gzipBytes).toBeLessThanOrEqual(BUDGET.withDownloader);
    expect(all.code).not.toMatch(/require\(["']node:/);
    expect(both.code).not.toMatch(/require\(["']node:/);
  });
});
