type Scope = 'submit' | 'read' | 'download';
export const SOAK_API_KEY: string;
export interface SoakResult {
  jobs: number; seed: number; retrySubmitOnAmbiguousFailure: boolean; attemptTimeoutMs: number;
  completed: number; completedNotSucceeded: number; failedWithTaskId: number; failedOnServer: number;
  waitsLost: number; waitsLostDetails: { job: number; via: string; error?: string; polls: string }[];
  failedWithoutTaskIdOnError: number; foreignTaskIdOnError: number; submitRejected: number; submitRejectedDetails: (string | undefined)[]; pending: number;
  inDoubt: number; inDoubtCreated: number; inDoubtNotCreated: number; duplicates: number; lost: number;
  lostTasks: { job: number; taskId: string; outcome: string; error?: string }[];
  tasksCreated: number; distinctSuccessfulSubmits: number; submitAttempts: number; serverRequests: number;
  downloads: { enabled: boolean; completed: number; failed: number; attempts: number; retried: number; innerRetries: number; resumed: number; refreshes: number; bytes: number; errors: Record<string, number> };
  warnings: { count: number; codes: string[]; statuses: string[] };
  refusedConnections: number; refused: { submit: number; read: number }; clientRequests: { submit: number; read: number };
  requestsPerJob: number;
  faults: Record<string, number>; eligibleReads: { notFound: number; unknownStatus: number }; downloadFailures: { job: number; error?: string }[]; faultsByScope: Record<Scope, Record<string, number>>;
  responses: Record<string, number>; requestsByRoute: Record<string, number>; errorNames: Record<string, number>; failedBy: Record<string, number>;
  slowest: { job: number; via: string; ms: number; outcome: string; error?: string }[]; viaGenerate: number; viaWaitForMany: number; elapsedMs: number; jobMs: { p50: number; p95: number; max: number };
}
export function runSoak(options?: {
  jobs?: number; seed?: number; concurrency?: number; manyShare?: number; batchSize?: number;
  retrySubmitOnAmbiguousFailure?: boolean; faults?: Record<string, unknown>; refusedRate?: number;
  attemptTimeoutMs?: number; failureRate?: number; waitTimeoutMs?: number; maxConsecutiveErrors?: number; download?: boolean; downloadAttempts?: number;
}): Promise<SoakResult>;
