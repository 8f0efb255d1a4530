// Stand-in for `validateRequest` from @vidukit/client, used by vitest.config.ts only while the
// client's source does not export it yet. It calls the same spec-compiled validators.
import * as validators from '../../../client/src/generated/validators.js';

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null };

export function validateRequest(operationId: string, body: unknown): { path: string; message: string; limit?: number | string | string[] }[] {
  const validate = (validators as unknown as Record<string, Validator>)[`request_${operationId}`];
  if (!validate) throw new Error(`unknown operation ${operationId}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.'),
    message: e.message ?? 'is invalid',
  }));
}
