// The spec, served by Prism, says what the providers' pages say.
//
// Live mode: with VIDU_CONTRACT_BASE_URL set, the same requests go to that server instead, which
// should be a Prism proxy WITHOUT --errors in front of a provider (`prism proxy spec/openapi.yaml
// https://api.novita.ai`). The proxy forwards every request, the provider answers, and Prism
// reports what breaks the spec in the `sl-violations` header: request problems (what we sent)
// and response problems (what the provider answered). Every answer must come with no response
// problem. Requests that could create a billed task (any submit with the key, including bodies
// the spec rejects, which a provider may still accept) run only with VIDU_CONTRACT_ALLOW_BILLING=1.
import { describe, expect, inject, it } from 'vitest';
import { rows, type Row } from './constraint-table.js';
import { requestConstraints } from './constraints-of-spec.js';
import { byId, operations } from './spec.js';

const baseUrl = inject('contractBaseUrl');
const isMock = inject('contractIsMock');
const apiKey = process.env.VIDU_CONTRACT_API_KEY ?? 'contract-test-key';
// Against a real provider a submit with the key may be a billed task: only on explicit request.
const mayBill = isMock || process.env.VIDU_CONTRACT_ALLOW_BILLING === '1';

const submitOps = operations.filter((o) => o.method === 'POST');

function withChanges(base: unknown, set: Record<string, unknown>): unknown {
  if ('' in set) return set[''];
  type Node = Record<string, unknown>;
  const body = structuredClone(base) as Node;
  for (const [path, value] of Object.entries(set)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => node[key] as Node, body);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return body;
}

type Violation = { location: string[]; code: string | number; message: string };
const parseViolations = (header: string | null): Violation[] => (header ? JSON.parse(header) : []);

/**
 * Sends a request and, in live mode, fails on any response problem Prism reported, and on an
 * answer Prism made itself (a proxy started with --errors never lets an invalid request reach
 * the provider, so the provider would go untested).
 */
async function call(path: string, init: RequestInit) {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  const violations = parseViolations(response.headers.get('sl-violations'));
  if (!isMock) {
    if (response.headers.get('content-type')?.startsWith('application/problem+json') && text.includes('stoplight.io/prism')) {
      throw new Error(`Prism answered ${response.status} itself instead of forwarding: run \`prism proxy\` without --errors.\n${text}`);
    }
    const problems = violations.filter((v) => v.location[0] === 'response');
    expect(problems, `the server's ${response.status} answer breaks the spec (sl-violations): ${text.slice(0, 500)}`).toEqual([]);
  }
  return { status: response.status, violations: violations.filter((v) => v.location[0] === 'request'), text };
}

const post = (path: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${apiKey}` }) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

const rowKey = (row: Row) => {
  if (row.expect === 'accept') return undefined;
  const path = row.expect.at.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.');
  return `${path}:${row.expect.code}${row.expect.field ? `:${row.expect.field}` : ''}`;
};

describe('named request examples', () => {
  const examples = submitOps.flatMap((op) => Object.entries(op.requestExamples).map(([name, body]) => ({ op, name, body })));

  it('every submit operation has at least one', () => {
    expect(new Set(examples.map((e) => e.op.operationId)).size).toBe(submitOps.length);
  });

  it.skipIf(!mayBill).each(examples.map((e) => [`${e.op.operationId} / ${e.name}`, e] as const))('%s is accepted', async (_, { op, body }) => {
    const { status, violations, text } = await post(op.path, body);
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    if (isMock) return;
    // Live: the task it created reads back in a shape the spec describes (call() checks it).
    const read = await call(`${byId('getTaskResult').path}?task_id=${encodeURIComponent(JSON.parse(text).task_id)}`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect(read.status).toBe(200);
  });
});

describe('constraints from the source pages', () => {
  const rejecting = rows.filter((r) => r.expect !== 'accept');
  const accepting = rows.filter((r) => r.expect === 'accept');

  it.skipIf(!mayBill).each(rejecting.map((r) => [`${r.operationId}: ${r.name}`, r] as const))('%s: rejected', async (_, row) => {
    const op = byId(row.operationId);
    const { status, violations } = await post(op.path, withChanges(op.requestExamples.minimal, row.set));
    const want = row.expect as Exclude<Row['expect'], 'accept'>;
    // The mock (and a provider that agrees with the spec) answers 400 INVALID_REQUEST_BODY.
    expect(status).toBe(400);
    const location = ['request', 'body', ...want.at.split('.').filter(Boolean)];
    const match = violations.find(
      (v) => v.code === want.code && v.location.join('.') === location.join('.') && (!want.field || v.message.includes(`'${want.field}'`)),
    );
    expect(match, `violations were ${JSON.stringify(violations)}`).toBeDefined();
  });

  it.skipIf(!mayBill).each(accepting.map((r) => [`${r.operationId}: ${r.name}`, r] as const))('%s: accepted', async (_, row) => {
    const op = byId(row.operationId);
    const { status, violations } = await post(op.path, withChanges(op.requestExamples.minimal, row.set));
    expect(violations).toEqual([]);
    expect(status).toBe(200);
  });

  it.each(submitOps.map((op) => [op.operationId, op] as const))('%s: every constraint in the spec has a rejecting row', (id) => {
    const tested = new Set(rows.filter((r) => r.operationId === id).map(rowKey));
    const untested = requestConstraints(id).filter((key) => !tested.has(key));
    expect(untested).toEqual([]);
  });

  it.skipIf(!mayBill).each(submitOps.map((op) => [op.operationId, op] as const))('%s: an unknown top-level property is rejected', async (_, op) => {
    const { status, violations } = await post(op.path, { ...(op.requestExamples.minimal as object), not_a_field: true });
    expect(status).toBe(400);
    expect(violations.map((v) => v.code)).toContain('additionalProperties');
  });

  it.each(submitOps.map((op) => [op.operationId, op] as const))('%s: a request without a key is refused', async (_, op) => {
    const { status } = await post(op.path, op.requestExamples.minimal, {});
    expect([400, 401, 403]).toContain(status);
  });
});

describe('getTaskResult', () => {
  const taskResult = byId('getTaskResult');
  const get = (query: string, headers: Record<string, string> = {}) =>
    call(`${taskResult.path}${query}`, { headers: { Authorization: `Bearer ${apiKey}`, ...headers } });

  const states = {
    queued: 'TASK_STATUS_QUEUED',
    processing: 'TASK_STATUS_PROCESSING',
    succeeded: 'TASK_STATUS_SUCCEED',
    failed: 'TASK_STATUS_FAILED',
  } as const;

  it('has a named example for each task state', () => {
    expect(Object.keys(taskResult.responseExamples).sort()).toEqual(Object.keys(states).sort());
  });

  it.skipIf(!isMock).each(Object.entries(states))('serves the %s state', async (example, status) => {
    const response = await get('?task_id=abc', { Prefer: `example=${example}` });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body.task.status).toBe(status);
    if (status === 'TASK_STATUS_SUCCEED') expect(body.videos[0].video_url).toMatch(/^https:\/\//);
    if (status === 'TASK_STATUS_FAILED') expect(body.task.reason).not.toBe('');
    if (status === 'TASK_STATUS_QUEUED') expect(Number(body.task.eta)).toBeGreaterThan(0);
    if (status === 'TASK_STATUS_PROCESSING') expect(Number(body.task.progress_percent)).toBeGreaterThan(0);
  });

  it('requires task_id', async () => {
    const response = await get('');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.violations)).toContain("'task_id'");
  });

  it('rejects an empty task_id', async () => {
    const response = await get('?task_id=');
    if (isMock) expect(response.status).toBe(400);
    else expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it.skipIf(isMock)('answers an unknown task id with an error the spec describes', async () => {
    const response = await get('?task_id=00000000-0000-4000-8000-000000000000');
    expect([400, 404]).toContain(response.status);
  });

  it('refuses a request without a key', async () => {
    const response = await call(`${taskResult.path}?task_id=abc`, {});
    expect([400, 401, 403]).toContain(response.status);
  });
});
