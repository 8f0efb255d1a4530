import type { TaskResult, TaskStatus } from '@vidukit/types';
import type { SubmitOperationId } from './routes.js';
import type { VideoFormat } from './video.js';

export interface SimulatedTask {
  taskId: string;
  operationId: SubmitOperationId;
  taskType: string;
  /** The accepted request body, as sent. */
  body: unknown;
  /** Clock time (ms) when the submit was accepted. */
  createdAt: number;
  /** Seed reported in `extra.seed`: the request's, or one drawn for it. */
  seed: number;
  /** Why the task will fail, when it will. */
  failReason: string | undefined;
  /** The video it makes: the request's duration, resolution and aspect ratio. */
  video: VideoFormat;
}

/** A task as `tasks()` reports it, at the moment of the call. */
export interface TaskSnapshot {
  taskId: string;
  operationId: SubmitOperationId;
  status: TaskStatus;
  progressPercent: number;
  etaSeconds: number;
  createdAt: number;
  failReason: string | undefined;
  body: unknown;
}

export interface TaskState {
  status: TaskStatus;
  progressPercent: number;
  etaSeconds: number;
}

export function taskState(task: SimulatedTask, now: number, queuedMs: number, processingMs: number): TaskState {
  const elapsed = Math.max(0, now - task.createdAt);
  const total = queuedMs + processingMs;
  const etaSeconds = Math.max(0, Math.ceil((total - elapsed) / 1000));
  if (elapsed < queuedMs) return { status: 'TASK_STATUS_QUEUED', progressPercent: 0, etaSeconds };
  if (elapsed < total) {
    const progressPercent = Math.min(99, Math.max(0, Math.floor(((elapsed - queuedMs) / processingMs) * 100)));
    return { status: 'TASK_STATUS_PROCESSING', progressPercent, etaSeconds };
  }
  if (task.failReason !== undefined) return { status: 'TASK_STATUS_FAILED', progressPercent: 0, etaSeconds: 0 };
  return { status: 'TASK_STATUS_SUCCEED', progressPercent: 100, etaSeconds: 0 };
}

/** Every prompt a body carries: `prompt`, and each keyframe's `prompt` for multi-frame. */
export function promptsOf(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const out: string[] = [];
  const b = body as { prompt?: unknown; image_settings?: unknown };
  if (typeof b.prompt === 'string') out.push(b.prompt);
  if (Array.isArray(b.image_settings)) {
    for (const k of b.image_settings) {
      if (k && typeof k === 'object' && typeof (k as { prompt?: unknown }).prompt === 'string') out.push((k as { prompt: string }).prompt);
    }
  }
  return out;
}

/** The `getTaskResult` body for `task` at `now`; `videoUrl` is only used once it has succeeded. */
export function renderTaskResult(
  task: SimulatedTask,
  state: TaskState,
  times: { queuedMs: number; processingMs: number },
  video: { url: string; ttlSeconds: number } | undefined,
): TaskResult {
  const result: TaskResult = {
    task: {
      task_id: task.taskId,
      status: state.status,
      reason: state.status === 'TASK_STATUS_FAILED' ? (task.failReason ?? 'TASK_FAILED') : '',
      task_type: task.taskType,
      eta: state.etaSeconds,
      progress_percent: state.progressPercent,
    },
    videos: [],
  };
  if (state.status === 'TASK_STATUS_SUCCEED' || state.status === 'TASK_STATUS_FAILED') {
    // Strings, as the providers' docs show them (the spec accepts strings or integers).
    const executeAt = task.createdAt + times.queuedMs;
    result.extra = {
      seed: String(task.seed),
      enable_nsfw_detection: false,
      debug_info: {
        request_info: '',
        submit_time_ms: String(task.createdAt),
        execute_time_ms: String(executeAt),
        complete_time_ms: String(executeAt + times.processingMs),
      },
    };
    result.images = [];
    result.audios = [];
  }
  if (state.status === 'TASK_STATUS_SUCCEED' && video) {
    result.videos = [{ video_url: video.url, video_url_ttl: String(video.ttlSeconds), video_type: 'mp4' }];
  }
  return result;
}
