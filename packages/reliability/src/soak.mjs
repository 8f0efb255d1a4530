/**
 * The fault soak (see soak/run.mjs): the mix and job bodies, the runner, the books, the table.
 */
export { DEFAULT_FAULTS, DEFAULT_REFUSED_RATE, FAULT_RATE, faultMix, jobBody } from './soak/mix.mjs';
export { runSoak, SOAK_API_KEY } from './soak/run.mjs';
export { formatSoak } from './soak/format.mjs';
