/**
 * @vidukit/polling: wait for Vidu tasks without hand-written loops. Browser-safe entry (fetch
 * and Web APIs only); `@vidukit/polling/node` adds downloads to file paths.
 *
 * @packageDocumentation
 */
export { waitForTask, watchTask, waitForMany, type WaitForManyOptions } from './wait.js';
export { createPollScheduler, type PollScheduler, type PollSchedulerOptions, type ScheduledWaitOptions } from './scheduler.js';
export { generate, type GenerateOptions, type GenerateResult } from './generate.js';
// downloadVideo lives in `@vidukit/polling/download` (streams) and `@vidukit/polling/node` (files).
export type { DownloadOptions, DownloadOutcome, DownloadProgress, DownloadRetry } from './download.js';
export { TaskFailedError, WaitTimeoutError, WaitAbortedError, DownloadError } from './errors.js';
export {
  adaptiveSchedule,
  fixedSchedule,
  type AdaptiveScheduleOptions,
  type PollObservation,
  type PollSchedule,
  type TaskPlanner,
} from './schedule.js';
export { systemClock, MAX_TIMER_DELAY_MS, type Clock, type Random, type TimerHandle } from './clock.js';
// Also in `@vidukit/polling/testing` (the same function), kept here for existing imports.
// ManualClock lives only there: the browser bundle does not carry test tooling.
export { seededRandom } from './random.js';
/** What a failed poll means for a wait (the queue's workers decide with it too). */
export { pollFailureKind, type PollFailureKind } from './internal/poll-failure.js';
export type { PollRequestOptions, PollWarning, SucceededTask, TaskOutcome, TaskReader, TaskSubmitter, TaskUpdate, WaitOptions } from './types.js';
