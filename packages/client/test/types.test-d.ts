// Type tests: wrong field names and enum values do not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Client } from 'openapi-fetch';
import type { paths, TaskResult } from '@vidukit/types';
import { createViduClient, type SubmitResult, type ViduClient, type NormalizedTaskResult, normalizeTaskResult } from '../src/index.js';

declare const vidu: ViduClient;
const subjects = [{ name: '1', images: ['https://e/a.png'] }];

describe('typed methods', () => {
  it('returns the spec types', () => {
    expectTypeOf(createViduClient).returns.toEqualTypeOf<ViduClient>();
    expectTypeOf(vidu.submitQ2ProFast({ prompt: 'p', duration: 5, subjects })).resolves.toEqualTypeOf<SubmitResult>();
    expectTypeOf(vidu.getTaskResult('t')).resolves.toEqualTypeOf<TaskResult>();
    expectTypeOf(vidu.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf(normalizeTaskResult).returns.toEqualTypeOf<NormalizedTaskResult>();
  });
  it('rejects wrong field names', () => {
    // @ts-expect-error resolutoin is not a field
    void vidu.submitQ2ProFast({ prompt: 'p', duration: 5, subjects, resolutoin: '720p' });
    // @ts-expect-error Q2 reference subjects have `id`, not `name`
    void vidu.submitQ2Reference({ prompt: 'p', duration: 5, subjects: [{ name: '1', images: ['x'] }] });
    // @ts-expect-error prompt is required
    void vidu.submitQ1Reference({ images: ['x'] });
  });
  it('rejects wrong enum values', () => {
    // @ts-expect-error 540p is not a Q2 Pro Fast resolution
    void vidu.submitQ2ProFast({ prompt: 'p', duration: 5, subjects, resolution: '540p' });
    // @ts-expect-error Q1 uses `large`, not `high`
    void vidu.submitQ1Reference({ images: ['x'], prompt: 'p', movement_amplitude: 'high' });
    // @ts-expect-error wm_position has no `center`
    void vidu.submitQ2ProMultiframe({ start_image: 'x', image_settings: [{ key_image: 'a' }, { key_image: 'b' }], wm_position: 'center' });
    // @ts-expect-error duration is a number
    void vidu.submitQ2ProFast({ prompt: 'p', duration: '5', subjects });
  });
  it('submit() is generic over the operation id', () => {
    void vidu.submit('submitQ1Reference', { images: ['x'], prompt: 'p' });
    // @ts-expect-error the body of another operation
    void vidu.submit('submitQ1Reference', { prompt: 'p', duration: 5, subjects });
    // @ts-expect-error not an operation id
    void vidu.submit('submitQ3', {});
  });
  it('options are typed', () => {
    // @ts-expect-error unknown provider
    createViduClient({ provider: 'openai' });
    void vidu.getTaskResult('t', { signal: AbortSignal.timeout(1), timeoutMs: 5, maxRetries: 0 });
  });
});
