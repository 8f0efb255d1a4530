import { validateRequest } from '@vidukit/client';
import type { SubmitOperationId } from './tasks.js';

export interface RequestIssue {
  path: string;
  message: string;
  limit?: number | string | string[];
}

/**
 * Checks a submit body with the client's validators, which are compiled from the spec: the
 * simulator holds no constraint of its own, so it rejects exactly what the spec rejects.
 */
export function checkSubmitBody(operationId: SubmitOperationId, body: unknown): RequestIssue[] {
  return validateRequest(operationId, body as never) as RequestIssue[];
}

/** `duration: must be <= 10; subjects: must NOT have fewer than 1 items`, like the spec's example. */
export function describeIssues(issues: readonly RequestIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(body)' : i.path}: ${i.message}`).join('; ');
}
