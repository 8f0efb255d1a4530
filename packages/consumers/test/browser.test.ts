// Client and polling, bundled, in a real headless Chromium talking to the simulator on another
// origin (so CORS is exercised). Needs Debian's chromium: `npm test` installs it where it can,
// otherwise this suite is skipped and named in the summary (never under CI).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startSimulator } from '@vidukit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';
import { hasTool } from '@vidukit/test-utils/tools';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let sim: Awaited<ReturnType<typeof startSimulator>>;
let page: Server;
let pageUrl = '';
let browser: Browser;

const HAS_CHROMIUM = hasTool('chromium');

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: npm test installs Debian's chromium where it can`);
  sim = await startSimulator();
  const { code } = await bundleForBrowser(`export * from '@vidukit/client'; export * from '@vidukit/polling';`, {
    resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    format: 'iife',
    globalName: 'vidukit',
    minify: false,
    target: 'es2022',
  });
  page = createServer((req, res) => {
    if (req.url === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => page?.close(resolve));
  await sim?.close();
});

describe.skipIf(!HAS_CHROMIUM)('in a browser', () => {
  it('submits, rejects an invalid body before sending, and waits for the video', async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    const before = sim.counts().tasksCreated;
    const out = await tab.evaluate(async (baseUrl) => {
      // The IIFE bundle's global: the packages' own types, as the page sees them.
      const { createViduClient, waitForTask, ValidationError } = (globalThis as unknown as { vidukit: typeof import('@vidukit/client') & typeof import('@vidukit/polling') }).vidukit;
      const client = createViduClient({ baseUrl, apiKey: 'browser-key' });
      let invalid = '';
      try {
        await client.submitQ1Reference({ images: [], prompt: 'x' });
      } catch (error) {
        invalid = error instanceof ValidationError ? (error as Error).message : `wrong error: ${error}`;
      }
      const { task_id } = await client.submitQ1Reference({ images: ['https://example.com/a.png'], prompt: 'from a browser' });
      const result = await waitForTask(client, task_id, { timeoutMs: 30_000 });
      return { invalid, status: result.status, url: result.videos[0]?.url ?? '', origin: location.origin };
    }, sim.url);
    expect(out.status).toBe('TASK_STATUS_SUCCEED');
    expect(out.invalid).toContain('images');
    expect(new URL(out.url).origin).not.toBe(out.origin);
    expect(sim.counts().tasksCreated - before).toBe(1);
  });
});
