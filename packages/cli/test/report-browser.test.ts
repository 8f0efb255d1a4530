// The report of a real simulator batch (run through the CLI as a child process), opened in a
// real headless Chromium from file:// and from a static server: every video loads its metadata,
// nothing from the data runs, no console errors, filter and sort work; screenshots are kept in
// test-results/. Needs Debian's chromium: skipped loudly without it, never under CI.
import { copyFileSync, createReadStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { hasTool } from '@vidukit/test-utils/tools';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, PNG, tempDir, vidu } from './helpers.js';
import { bigBatch, writeJobs } from './report-fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = process.env.VIDU_TEST_ARTIFACTS ?? fileURLToPath(new URL('../test-results/', import.meta.url));
const KEY = 'sk-report-e2e-secret-0123456789';
const FAIL_MARKER = '<svg onload=alert(3)>';
const HOSTILE_PROMPT = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
const HAS_CHROMIUM = hasTool('chromium');

let sim: SimulatorHandle;
let browser: Browser;
let server: Server;
let dir: string;
let httpBase = '';

/** A static server for the batch folder, with byte ranges as any real one has. */
function serve(root: string): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root)) return res.writeHead(403).end();
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return res.writeHead(404).end();
    }
    const type = { '.html': 'text/html; charset=utf-8', '.mp4': 'video/mp4' }[extname(path)] ?? 'application/octet-stream';
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!range) return createReadStream(path).pipe(res.writeHead(200, { 'content-type': type, 'content-length': size, 'accept-ranges': 'bytes' }));
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    createReadStream(path, { start, end }).pipe(
      res.writeHead(206, { 'content-type': type, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)));
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  sim = await startSimulator({ queuedMs: 200, processingMs: 800, failMarker: FAIL_MARKER });
  dir = tempDir();
  copyFileSync(PNG, join(dir, 'me.png'));
  writeJobs(join(dir, 'jobs.jsonl'), [
    { model: 'q1-reference', prompt: 'a red fox trots across fresh snow at dawn, breath steaming', images: ['me.png'], aspect: '16:9', seed: 7, out: 'fox.mp4' },
    { model: 'q2-pro-fast', prompt: HOSTILE_PROMPT, subjects: { '1': ['me.png'] }, duration: 5, out: 'odd name #1?.mp4' },
    { model: 'q1-reference', prompt: `a paper boat sinks in a puddle ${FAIL_MARKER}`, images: ['me.png'], out: 'boat.mp4' },
    { model: 'q2-reference', prompt: `@1 waves at the camera (key ${KEY} pasted by mistake)`, subjects: [{ id: '1', images: ['me.png'] }], resolution: '540p', out: 'wave.mp4' },
    { model: 'q2-pro-multiframe', start_image: 'me.png', keyframes: ['me.png:2:the camera pushes in', { image: 'me.png', duration: 3, prompt: 'pull back to the skyline' }], resolution: '540p', out: 'city.mp4' },
  ]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a new empty --user-data-dir of its own.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await sim?.close();
});

interface Watch {
  errors: string[];
  dialogs: string[];
}

async function open(url: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch: Watch = { errors: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, watch };
}

/** Scrolls to every video in turn and waits for its metadata; returns the durations. */
async function durations(page: Page): Promise<number[]> {
  const count = await page.locator('video').count();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await page.locator('video').nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => (document.querySelectorAll('video')[n] as HTMLVideoElement).duration > 0, i, { timeout: 10_000 });
    out.push(await page.evaluate((n) => (document.querySelectorAll('video')[n] as HTMLVideoElement).duration, i));
  }
  return out;
}

describe.skipIf(!HAS_CHROMIUM)('the report of a real batch, in headless Chromium', () => {
  test('vidu batch writes it; from file:// and from a static server every video plays, nothing from the data runs', async () => {
    const run = await vidu(['batch', 'jobs.jsonl', '--base-url', sim.url, '--api-key', KEY, '--concurrency', '5', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1); // one job failed
    const doc = JSON.parse(run.stdout);
    expect(doc.counts).toMatchObject({ succeeded: 4, failed: 1 });
    expect(doc.report).toBe(join(dir, 'report.html'));
    const html = readFileSync(doc.report, 'utf8');
    expect(html).not.toContain(KEY);
    expect(html).toContain('[REDACTED]');

    // `vidu report` rewrites the same page from the journal alone; the key it knows (here from
    // the environment, as a user would have it) is scrubbed from the page too.
    const again = await vidu(['report', '--json'], { cwd: dir, env: cleanEnv({ VIDU_API_KEY: KEY }) });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, file: doc.report, jobs: 5, counts: { succeeded: 4, failed: 1 } });
    expect(readFileSync(doc.report, 'utf8')).not.toContain(KEY);

    httpBase = await serve(dir);
    for (const [how, url] of [
      ['file', pathToFileURL(doc.report).href],
      ['http', `${httpBase}report.html`],
    ] as const) {
      const { page, watch } = await open(url);
      await expect.poll(() => page.locator('article.card').count()).toBe(5);
      const secs = await durations(page);
      expect(secs, how).toHaveLength(4);
      for (const s of secs) expect(s, how).toBeGreaterThan(0);

      // Hostile text is shown as text, and nothing it carries became markup or ran.
      await expect.poll(() => page.getByText(HOSTILE_PROMPT, { exact: true }).count()).toBe(1);
      await expect.poll(() => page.getByText(`simulated failure: the prompt contains ${FAIL_MARKER}`, { exact: true }).count()).toBe(1);
      expect(await page.locator('img, svg, iframe, object, embed').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(2);
      expect(await page.evaluate(() => document.body.textContent)).not.toContain(KEY);
      await expect.poll(() => page.locator('video[src="odd%20name%20%231%3F.mp4"]').count()).toBe(1);

      // Filter by status, then sort by time.
      await page.locator('button[data-status="failed"]').click();
      expect(await page.locator('article.card').count()).toBe(4);
      expect(await page.locator('article.st-failed').count()).toBe(0);
      await page.locator('button[data-status="succeeded"]').click();
      await page.locator('button[data-status="failed"]').click();
      expect(await page.locator('article.card').count()).toBe(1);
      await expect.poll(() => page.locator('#shown').textContent()).toBe('showing 1 of 5');
      await page.locator('#all').click();
      await page.locator('#sort').selectOption('waited-desc');
      const waited = await page.locator('article.card').evaluateAll((cards) =>
        cards.map((c) => Array.from(c.querySelectorAll('dt')).find((dt) => dt.textContent === 'waited')?.nextElementSibling?.textContent ?? ''),
      );
      const seconds = waited.map((w) => Number(/^(\d+)s$/.exec(w)?.[1] ?? NaN));
      expect(seconds, waited.join()).toEqual([...seconds].sort((a, b) => b - a));
      await page.locator('#sort').selectOption('line');
      await durations(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      // For the screenshot: every first frame shown and every load settled (no spinner drawn).
      await page.waitForFunction(() => Array.from(document.querySelectorAll('video')).every((v) => v.readyState >= 2 && v.networkState === v.NETWORK_IDLE));
      await page.waitForTimeout(500);

      await page.screenshot({ path: join(ARTIFACTS, `report-${how}.png`), fullPage: true });
      expect(watch.dialogs, how).toEqual([]);
      expect(watch.errors, how).toEqual([]);
      await page.close();
    }
  }, 60_000);

  test('10,000 jobs: cards come a chunk at a time and no more than a screenful of videos hold a file', async () => {
    const big = tempDir();
    copyFileSync(new URL('../../simulator/assets/sample.mp4', import.meta.url), join(big, 'clip.mp4'));
    bigBatch(big, 10_000, join(big, 'clip.mp4'));
    const r = await vidu(['report', '--json'], { cwd: big });
    expect(r.code, r.stderr).toBe(0);
    const { page, watch } = await open(pathToFileURL(JSON.parse(r.stdout).file).href);
    await expect.poll(() => page.locator('#shown').textContent()).toBe('showing 10000 of 10000');
    const first = await page.locator('article.card').count();
    expect(first).toBeLessThan(200);
    const loaded = () => page.locator('video[src]').count();
    let most = 0;
    for (let i = 0; i < 25; i++) {
      await page.mouse.wheel(0, 4_000);
      await page.waitForTimeout(50);
      most = Math.max(most, await loaded());
    }
    expect(await page.locator('article.card').count()).toBeGreaterThan(first);
    console.log(`10,000 jobs: ${first} cards at first, ${await page.locator('article.card').count()} after 25 scrolls; at most ${most} videos held a file`);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(36);
    // The videos now in view play.
    await page.waitForFunction(() => {
      const inView = Array.from(document.querySelectorAll('video')).filter((v) => {
        const b = v.getBoundingClientRect();
        return b.bottom > 0 && b.top < innerHeight;
      });
      return inView.length > 0 && inView.every((v) => v.duration > 0);
    });
    await page.locator('button[data-status="succeeded"]').click();
    await page.locator('button[data-status="failed"]').click();
    await expect.poll(() => page.locator('#shown').textContent()).toBe('showing 200 of 10000');
    expect(await page.locator('article.st-in-doubt').first().locator('.note').textContent()).toMatch(/may exist and be billed/);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
