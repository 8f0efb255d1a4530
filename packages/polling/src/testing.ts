/**
 * `@vidukit/polling/testing`: deterministic time and randomness for tests and simulations. The
 * seeded PRNG here is the one the simulator, the benchmark and the soak use.
 *
 * @packageDocumentation
 */
export { ManualClock } from './manual-clock.js';
export { deriveSeed, seededRandom, type Random } from './random.js';
export type { Clock, TimerHandle } from './clock.js';
