/**
 * @vidukit/queue: Vidu batches across machines on BullMQ + Redis. At most one billed task per
 * job on an at-least-once engine, one sliding-window request budget for every worker, one
 * pause for all on a 429, and waiting that holds no worker slot.
 *
 * @packageDocumentation
 */
export { Budget, DEFAULT_BUDGET, parseBudget, checkBudget, marginOf, type BudgetConfig } from './budget.js';
export { checkRedisUrl, redactRedisUrl } from './connection.js';
export { classifySubmitFailure, type SubmitFailure } from './decision.js';
export { DEFAULT_PREFIX, DEFAULT_QUEUE, jobIdFor, keysFor, type Keys, type QueueName } from './keys.js';
export {
  emptyCounts,
  enqueueBatch,
  queueStatus,
  recordedTaskIds,
  setQueueBudget,
  type EnqueueJob,
  type EnqueueOptions,
  type EnqueueResult,
  type QueueStatus,
  type ResubmitPolicy,
  type StateCounts,
  type StatusOptions,
} from './queue.js';
export { FINAL_STATES, JobStore, type JobRecord, type JobStateName } from './state.js';
export type { QueueJobData } from './types.js';
export { fileNameFor, startWorker, type QueueWorker, type WorkerEvent, type WorkerOptions } from './worker.js';
