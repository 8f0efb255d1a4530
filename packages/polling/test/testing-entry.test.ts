import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as testing from '../src/testing.js';

describe('@vidukit/polling/testing', () => {
  it('exports ManualClock and the one seeded PRNG (the same function as the main entry\'s)', () => {
    expect(testing.seededRandom).toBe(main.seededRandom);
    expect(main).not.toHaveProperty('ManualClock');
    expect(new testing.ManualClock(5).now()).toBe(5);
  });

  it('seededRandom is reproducible, in [0, 1), and differs by seed', () => {
    const a = testing.seededRandom(42);
    const b = testing.seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(testing.seededRandom(43)()).not.toBe(xs[0]);
    // mulberry32's first value for seed 1, so the simulator's recorded seeds keep their meaning.
    expect(testing.seededRandom(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('deriveSeed gives independent, stable streams per name', () => {
    expect(testing.deriveSeed(7, 'faults')).toBe(testing.deriveSeed(7, 'faults'));
    expect(testing.deriveSeed(7, 'faults')).not.toBe(testing.deriveSeed(7, 'ids'));
    expect(testing.deriveSeed(7, 'faults')).not.toBe(testing.deriveSeed(8, 'faults'));
    expect(Number.isInteger(testing.deriveSeed(7, 'x')) && testing.deriveSeed(7, 'x') >= 0).toBe(true);
  });
});
