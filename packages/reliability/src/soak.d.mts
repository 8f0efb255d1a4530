export const SOAK_API_KEY: string;
export const FAULT_RATE: number;
export const DEFAULT_FAULTS: Record<string, number> & { submit: { resetAfterAccept: number } };
export const DEFAULT_REFUSED_RATE: number;
export function jobBody(n: number): { op: string; body: Record<string, unknown> };
export interface SoakResult {
  jobs: number; seed: number; retrySubmitOnAmbiguousFailure: boolean;
  completed: number; failedWithTaskId: number; failedWithoutTaskIdOnError: number; submitRejected: number; pending: number;
  inDoubt: number; inDoubtCreated: number; inDoubtNotCreated: number; duplicates: number; lost: number;
  lostTasks: { job: number; taskId: string; outcome: string; error?: string }[];
  inDoubtCreatedDetails: string[];
  tasksCreated: number; distinctSuccessfulSubmits: number; submitAttempts: number; serverRequests: number;
  refusedConnections: number; refused: { submit: number; read: number }; clientRequests: { submit: number; read: number };
  requestsPerJob: number;
  faults: Record<string, number>; faultsByScope: Record<'submit' | 'read' | 'download', Record<string, number>>;
  responses: Record<string, number>; requestsByRoute: Record<string, number>; errorNames: Record<string, number>; failedBy: Record<string, number>;
  slowest: { job: number; via: string; ms: number; outcome: string; error?: string }[]; viaGenerate: number; viaWaitForMany: number; elapsedMs: number; jobMs: { p50: number; p95: number; max: number };
}
export function runSoak(options?: {
  jobs?: number; seed?: number; concurrency?: number; manyShare?: number; batchSize?: number;
  retrySubmitOnAmbiguousFailure?: boolean; faults?: Record<string, unknown>; refusedRate?: number;
  attemptTimeoutMs?: number; failureRate?: number;
}): Promise<SoakResult>;
export function formatSoak(r: SoakResult): string;
