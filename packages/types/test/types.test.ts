import { describe, expectTypeOf, it } from 'vitest';
import type {
  Q1ReferenceRequest,
  Q2ProFastRequest,
  SubmitRequestBody,
  SubmitResponseBody,
  TaskStatus,
} from '../src/index.js';

describe('generated types', () => {
  it('maps operation ids to their bodies', () => {
    expectTypeOf<SubmitRequestBody<'submitQ2ProFast'>>().toEqualTypeOf<Q2ProFastRequest>();
    expectTypeOf<SubmitResponseBody<'submitQ2Reference'>>().toHaveProperty('provider_request_id');
  });

  it('keeps the per-endpoint differences', () => {
    expectTypeOf<Q1ReferenceRequest['movement_amplitude']>().toEqualTypeOf<
      'auto' | 'small' | 'medium' | 'large' | undefined
    >();
    expectTypeOf<Q2ProFastRequest['resolution']>().toEqualTypeOf<'720p' | '1080p' | undefined>();
    expectTypeOf<TaskStatus>().toExtend<string>();
  });

  it('rejects a wrong field or enum value at compile time', () => {
    const ok: Q2ProFastRequest = { prompt: 'x', duration: 5, subjects: [{ name: '1', images: ['u'] }] };
    // @ts-expect-error `large` is Q1's value; the Q2 endpoints say `high`
    const badEnum: Q2ProFastRequest = { ...ok, movement_amplitude: 'large' };
    // @ts-expect-error a typo is not a field
    const typo: Q2ProFastRequest = { ...ok, resolutoin: '720p' };
    void badEnum;
    void typo;
  });
});

describe('named bodies are the spec operations\' bodies', () => {
  it('SubmitRequestBody is exactly what the operation takes', () => {
    type FromSpec<Op extends import('../src/index.js').SubmitOperationId> = NonNullable<import('../src/index.js').operations[Op]['requestBody']>['content']['application/json'];
    // Assignable both ways (the named interfaces add only an unnameable optional member).
    expectTypeOf<SubmitRequestBody<'submitQ1Reference'>>().toExtend<FromSpec<'submitQ1Reference'>>();
    expectTypeOf<FromSpec<'submitQ1Reference'>>().toExtend<SubmitRequestBody<'submitQ1Reference'>>();
    expectTypeOf<SubmitRequestBody<'submitQ2ProMultiframe'>>().toExtend<FromSpec<'submitQ2ProMultiframe'>>();
    expectTypeOf<FromSpec<'submitQ2ProMultiframe'>>().toExtend<SubmitRequestBody<'submitQ2ProMultiframe'>>();
    expectTypeOf<SubmitRequestBody<'submitQ2ProFast'>>().toExtend<FromSpec<'submitQ2ProFast'>>();
    expectTypeOf<FromSpec<'submitQ2ProFast'>>().toExtend<SubmitRequestBody<'submitQ2ProFast'>>();
    expectTypeOf<SubmitRequestBody<'submitQ2Reference'>>().toExtend<FromSpec<'submitQ2Reference'>>();
    expectTypeOf<FromSpec<'submitQ2Reference'>>().toExtend<SubmitRequestBody<'submitQ2Reference'>>();
  });
});
