// spec/vidu.arazzo.yaml is generated from openapi.yaml (scripts/generate-arazzo.mjs) with one
// workflow per submit operation of the spec, each shaped
// submit -> wait (retry until done, end on FAILED) -> download. It is run against the simulator
// by Redocly Respect in packages/simulator/test/arazzo.test.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { operations } from './spec.js';

interface Criterion {
  condition: string;
  context?: string;
  type?: string;
}
interface Step {
  stepId: string;
  operationId?: string;
  onFailure?: { reference: string }[];
  successCriteria?: Criterion[];
}
interface Arazzo {
  sourceDescriptions: { name: string; url: string; type: string }[];
  workflows: { workflowId: string; steps: Step[] }[];
  components: { failureActions: Record<string, { type: string; criteria?: Criterion[]; retryAfter?: number; retryLimit?: number }> };
}

const arazzo: Arazzo = parse(readFileSync(fileURLToPath(new URL('../../../spec/vidu.arazzo.yaml', import.meta.url)), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

it('is the generator\'s output for the current spec (drift check)', () => {
  const script = fileURLToPath(new URL('../scripts/generate-arazzo.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(r.stderr, r.stderr).toBe('');
  expect(r.status).toBe(0);
});

it('has one workflow per submit operation of the spec', () => {
  const submitted = arazzo.workflows.map((w) => String(w.steps[0]?.operationId).replace('$sourceDescriptions.vidu.', ''));
  const submitOps = operations.filter((o) => o.method === 'POST').map((o) => o.operationId);
  expect(submitted.sort()).toEqual(submitOps.sort());
});

it('waits with a retry action (retryAfter, retryLimit), ends on FAILED and checks the download is a video', () => {
  const { failureActions } = arazzo.components;
  for (const w of arazzo.workflows) {
    expect(w.steps.map((s) => s.stepId), w.workflowId).toEqual(['submit', 'wait', 'download']);
    const wait = w.steps[1]!;
    expect(wait.operationId).toBe('$sourceDescriptions.vidu.getTaskResult');
    const actions = (wait.onFailure ?? []).map((a) => failureActions[a.reference.replace('$components.failureActions.', '')]!);
    expect(actions.map((a) => a.type)).toEqual(['end', 'retry']);
    expect(JSON.stringify(actions[0]!.criteria)).toContain('TASK_STATUS_FAILED');
    expect(actions[1]!.retryAfter).toBeGreaterThan(0);
    expect(actions[1]!.retryLimit).toBeGreaterThan(0);
    expect(JSON.stringify(w.steps[2]!.successCriteria)).toContain('^video/mp4');
  }
});

it('is published as @vidukit/openapi/arazzo.yaml next to the spec it names', () => {
  expect(pkg.exports['./arazzo.yaml']).toBe('./dist/vidu.arazzo.yaml');
  expect(arazzo.sourceDescriptions).toEqual([{ name: 'vidu', url: './openapi.yaml', type: 'openapi' }]);
  expect(readFileSync(new URL('../dist/vidu.arazzo.yaml', import.meta.url), 'utf8')).toBe(
    readFileSync(new URL('../../../spec/vidu.arazzo.yaml', import.meta.url), 'utf8'),
  );
});
