import type { SoakResult } from './run.mjs';
export function formatSoak(r: SoakResult): string;
