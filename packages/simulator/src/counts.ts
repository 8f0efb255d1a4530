import { FAULT_KINDS, type FaultKind, type Scope } from './options.js';
import type { SubmitOperationId } from './routes.js';

/** A fault the simulator injected, or the per-minute limit it enforced. */
export type CountedFault = FaultKind | 'rateLimitExceeded';
/** What the simulator counts requests under: the spec's operation ids plus its own routes. */
export type CountedRoute = SubmitOperationId | 'getTaskResult' | 'downloadVideo' | 'preflight' | 'notFound';

export interface SimulatorCounts {
  /** Tasks created (accepted submits, including those whose answer was then lost to a fault). */
  tasksCreated: number;
  /** Requests that reached a submit path, whatever happened to them. */
  submitAttempts: number;
  /** Requests received, by operation. `/__simulator/*` requests are not counted. */
  requests: Record<CountedRoute, number>;
  /** Responses sent, by HTTP status; plus `reset` (socket destroyed) and `stalled` (never answered). */
  responses: Record<string, number>;
  /** Faults injected, by kind, over all scopes. */
  faults: Record<CountedFault, number>;
  /** The same, per scope. */
  faultsByScope: Record<Scope, Record<CountedFault, number>>;
  /**
   * Reads that the state-bound read faults could hit: `notFound` a task younger than
   * `notFoundWindowMs`, `unknownStatus` an unfinished one (the base of their rates).
   */
  eligibleReads: { notFound: number; unknownStatus: number };
}

const COUNTED_FAULTS: readonly CountedFault[] = [...FAULT_KINDS, 'rateLimitExceeded'];

export function emptyCounts(submitOperations: readonly string[]): SimulatorCounts {
  const faults = () => Object.fromEntries(COUNTED_FAULTS.map((k) => [k, 0])) as Record<CountedFault, number>;
  const routes = [...submitOperations, 'getTaskResult', 'downloadVideo', 'preflight', 'notFound'];
  return {
    tasksCreated: 0,
    submitAttempts: 0,
    requests: Object.fromEntries(routes.map((r) => [r, 0])) as Record<CountedRoute, number>,
    responses: {},
    faults: faults(),
    faultsByScope: { submit: faults(), read: faults(), download: faults() },
    eligibleReads: { notFound: 0, unknownStatus: 0 },
  };
}
