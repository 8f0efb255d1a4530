// Smoke run of every benchmark at tiny sizes: each runs and produces numbers. No timing
// assertions here (the machine is shared and noisy); the figures come from `pnpm bench`.
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, runAll } from '../src/run.mjs';
import { toMarkdown } from '../src/report.mjs';

const results = new Map();

describe('benchmarks (smoke, tiny sizes)', () => {
  for (const name of BENCHMARKS) {
    it(`${name} runs and reports figures`, async () => {
      const all = await runAll({ smoke: true, only: [name], log: () => {} });
      expect(all).toHaveLength(1);
      const r = /** @type {import('../src/report.mjs').BenchResult} */ (all[0]);
      results.set(name, r);
      expect(r.error).toBeUndefined();
      expect(r.rows.length).toBeGreaterThan(0);
      for (const row of r.rows) {
        expect(row.group).toBeTypeOf('string');
        expect(row.figure).toBeTypeOf('string');
        // Every figure is a number or says why it is not available.
        if (row.value === 'n/a') expect(row.note).toBeTypeOf('string');
        else expect(String(row.value)).toMatch(/\d/);
      }
    });
  }

  it('writes a markdown table with a Met column and a targets summary', () => {
    const md = toMarkdown([...results.values()], { date: '2000-01-01', node: process.versions.node, cpus: 'test', totalMs: 1, smoke: true });
    expect(md).toContain('| Benchmark | Figure | Value | Baseline (same run) | Ratio | Target | Met |');
    expect(md).toMatch(/\d+ of \d+ targets met/);
    for (const name of results.keys()) expect(results.get(name).rows.length).toBeGreaterThan(0);
  });
});
