/** A source of uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/**
 * A small seeded generator (mulberry32): deterministic jitter, fault injection and ids in tests,
 * benchmarks and the simulator. Not cryptographic. The one seeded PRNG of the repository.
 *
 * @example
 * ```ts
 * import { seededRandom } from '@vidukit/polling';
 *
 * const random = seededRandom(42);
 * console.log(random(), random()); // the same two numbers in [0, 1) on every run
 * ```
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives the seed of an independent stream from one seed and a stream name (FNV-1a over the
 * name), so that, say, polling more often never changes which submits a simulation fails.
 *
 * @example
 * ```ts
 * import { deriveSeed, seededRandom } from '@vidukit/polling/testing';
 *
 * // Independent streams from one seed: drawing more jitter never changes the faults.
 * const faults = seededRandom(deriveSeed(7, 'faults'));
 * const jitter = seededRandom(deriveSeed(7, 'jitter'));
 * console.log(faults(), jitter());
 * ```
 */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}
