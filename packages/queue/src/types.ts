/** What a queued job carries: the body is built and checked by the enqueuer, images included. */
export interface QueueJobData {
  batch: string;
  line: number;
  model: string;
  operationId: string;
  body: Record<string, unknown>;
  /** File name for the video inside the worker's output directory. */
  out?: string;
}
