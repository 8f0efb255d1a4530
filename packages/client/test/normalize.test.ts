import { describe, expect, it } from 'vitest';
import { normalizeTaskResult, type TaskResult } from '../src/index.js';

const at = new Date('2026-01-01T00:00:00Z');

describe('normalizeTaskResult', () => {
  it('resolves string-or-number drift to numbers and computes expiry', () => {
    const raw = {
      task: { task_id: 't', status: 'TASK_STATUS_SUCCEED', reason: '', task_type: 'VIDU_Q2', eta: '0', progress_percent: '100' },
      extra: { seed: '42' },
      videos: [{ video_url: 'https://v/1.mp4', video_url_ttl: '3600', video_type: 'mp4' }],
      images: [{ image_url: 'https://i/1.png', image_url_ttl: 60, image_type: 'png' }],
      audios: [{ audio_url: 'https://a/1.wav', audio_url_ttl: '10', audio_type: 'wav', audio_metadata: { text: 'hi', start_time: '0.5', end_time: 2 } }],
    } as TaskResult;
    const n = normalizeTaskResult(raw, at);
    expect(n).toMatchObject({ taskId: 't', status: 'TASK_STATUS_SUCCEED', isTerminal: true, taskType: 'VIDU_Q2', progressPercent: 100, etaSeconds: 0, seed: 42 });
    expect(n.reason).toBeUndefined();
    expect(n.videos).toEqual([{ url: 'https://v/1.mp4', type: 'mp4', ttlSeconds: 3600, expiresAt: new Date(at.getTime() + 3_600_000) }]);
    expect(n.images[0]).toMatchObject({ ttlSeconds: 60 });
    expect(n.audios[0]).toMatchObject({ text: 'hi', startTime: 0.5, endTime: 2, ttlSeconds: 10 });
    expect(n.raw).toBe(raw);
  });
  it('treats unknown statuses as not finished and tolerates missing parts', () => {
    const n = normalizeTaskResult({ task: { task_id: 't', status: 'TASK_STATUS_PAUSED' as never } }, at);
    expect(n).toMatchObject({ status: 'TASK_STATUS_PAUSED', isTerminal: false, videos: [], images: [], audios: [] });
    expect(normalizeTaskResult({ task: { task_id: 't', status: 'TASK_STATUS_FAILED', reason: 'nsfw' } }).isTerminal).toBe(true);
    expect(normalizeTaskResult({ task: { task_id: 't', status: 'TASK_STATUS_QUEUED', eta: 'soon' as never } }).etaSeconds).toBeUndefined();
  });
});
