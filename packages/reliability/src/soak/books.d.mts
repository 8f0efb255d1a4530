import type { SimulatorCounts, TaskSnapshot } from '@vidukit/simulator';
import type { SoakResult } from './run.mjs';

export interface SoakJob {
  n: number; via: string; taskIds: Set<string>; outcome: string; error?: unknown; ms?: number;
  missingTaskIdOnError?: boolean; foreignTaskId?: string;
}
export type Books = Omit<SoakResult, 'jobs' | 'seed' | 'retrySubmitOnAmbiguousFailure' | 'attemptTimeoutMs' | 'downloads' | 'warnings' | 'refusedConnections' | 'refused' | 'clientRequests' | 'requestsPerJob' | 'elapsedMs'>;
export function balanceBooks(input: { results: SoakJob[]; counts: SimulatorCounts; tasks: TaskSnapshot[]; polls?: Map<string, string[]> }): Books;
