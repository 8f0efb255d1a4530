export { DEFAULT_FAULTS, DEFAULT_REFUSED_RATE, FAULT_RATE, faultMix, jobBody, type FaultMix } from './soak/mix.mjs';
export { runSoak, SOAK_API_KEY, type SoakResult } from './soak/run.mjs';
export { formatSoak } from './soak/format.mjs';
