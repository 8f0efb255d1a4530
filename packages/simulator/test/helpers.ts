import * as validators from '../../client/src/generated/validators.js';

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const v = validators as unknown as Record<string, Validator>;

/** Asserts `body` matches a spec response schema with the spec-compiled validator; returns it. */
export function expectSpec<T>(schema: 'TaskResult' | 'SubmitResponse' | 'SubmitResponseWithProviderId' | 'ErrorBody', body: T): T {
  const validate = v[`response_${schema}`]!;
  if (!validate(body)) {
    throw new Error(`response does not match ${schema}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`);
  }
  return body;
}

/** A clock tests move by hand. */
export function manualClock(start = 1_763_675_000_000) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

export const bodies = {
  submitQ2ProFast: { prompt: '@1 walks in the rain', duration: 5, subjects: [{ name: '1', images: ['https://example.com/a.png'] }] },
  submitQ2ProMultiframe: {
    start_image: 'https://example.com/start.png',
    image_settings: [{ key_image: 'https://example.com/k1.png' }, { key_image: 'https://example.com/k2.png', prompt: 'zoom' }],
  },
  submitQ1Reference: { images: ['https://example.com/cat.webp'], prompt: 'A cat yawns' },
  submitQ2Reference: { prompt: '@1 waves', duration: 4, subjects: [{ id: '1', images: ['https://example.com/g.png'] }] },
} as const;

export const paths = {
  submitQ2ProFast: '/v3/async/viduq2-pro-fast',
  submitQ2ProMultiframe: '/v3/async/vidu-q2-pro-multiframe',
  submitQ1Reference: '/v3/async/vidu-q1-reference2video',
  submitQ2Reference: '/v3/async/vidu-q2-reference2video',
} as const;

export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getResult(base: string, taskId: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/v3/async/task-result?task_id=${encodeURIComponent(taskId)}`, { headers });
}
