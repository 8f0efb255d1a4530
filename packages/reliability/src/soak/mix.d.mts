type Scope = 'submit' | 'read' | 'download';
export const FAULT_RATE: number;
export type FaultMix = Record<Scope, Record<string, number>>;
export function faultMix(rate?: number): FaultMix;
export const DEFAULT_FAULTS: FaultMix;
export const DEFAULT_REFUSED_RATE: number;
export const MARKER: RegExp;
export function jobBody(n: number): { op: string; body: Record<string, unknown> };
