import { describe, expect, it } from 'vitest';
import { formatTable, population, runBenchmark } from '../bench/simulate.js';

describe('schedule benchmark (smoke, tiny population, simulated clock)', () => {
  it('runs, prints a table and meets the targets on a small sample', async () => {
    const verdict = await runBenchmark(30, 1);
    expect(verdict.rows).toHaveLength(6);
    const table = formatTable(verdict);
    expect(table).toContain('| eta + progress | adaptive (default) |');
    expect(table).toContain('fixed 500 ms');
    for (const check of verdict.checks) expect(check, check.detail).toMatchObject({ ok: true });
  }, 60_000);

  it('is deterministic', async () => {
    expect(population(5, 3)).toEqual(population(5, 3));
    const [a, b] = await Promise.all([runBenchmark(5, 2), runBenchmark(5, 2)]);
    expect(a.rows).toEqual(b.rows);
  });
});
