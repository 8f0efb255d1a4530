// A download cut on the way is resumed, and the CLI says so: a real simulator whose first
// download of the video is cut short (seeded fault stream), the real CLI in a child process.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isMp4, PNG, tempDir, vidu } from './helpers.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  // Seed 5: the first download draw (0.21) is a cut body, the second (0.97) is clean.
  sim = await startSimulator({ seed: 5, queuedMs: 50, processingMs: 100, faults: { download: { malformedJson: 0.5 } } });
});
afterAll(async () => {
  await sim?.close();
});

test('vidu generate: a cut download resumes and the video is whole', async () => {
  const out = join(tempDir(), 'cut.mp4');
  const r = await vidu(['generate', 'q1-reference', '--prompt', 'a cat', '--image', PNG, '--out', out, '--base-url', sim.url]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/download: cut after [\d.]+ [KMG]?B; retry 1 in \d+ ms/);
  expect(isMp4(out)).toBe(true);
  expect(statSync(out).size).toBeGreaterThan(1000);
});
