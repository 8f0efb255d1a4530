// The Arazzo workflows of @vidukit/openapi (submit, wait, download), run by Redocly Respect
// against the simulator for every model: Respect also checks every API answer against the spec.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../src/index.js';
import { specOperations } from './helpers.js';
import { respect } from './respect.js';

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const submitOperations = specOperations.filter((op) => op.method === 'POST').map((op) => op.operationId);

describe('Arazzo workflows under Redocly Respect', () => {
  it('submit, poll until done, and download an MP4 for all four models', { timeout: 120_000 }, async () => {
    // Still processing at the first read, done at the second: the retry action is exercised.
    sim = await startSimulator({ apiKey: 'sk-arazzo', queuedMs: 500, processingMs: 1500 });
    const run = await respect({ server: sim.url, apiKey: 'sk-arazzo' });
    expect(run.code, run.output).toBe(0);
    expect(run.workflows).toHaveLength(submitOperations.length);
    for (const w of run.workflows) {
      expect(w.status, w.workflowId).toBe('success');
      expect(w.executedSteps.map((s) => s.stepId)).toEqual(['submit', 'wait', 'wait', 'download']);
      const download = w.executedSteps.at(-1)!;
      expect(download.request?.url).toMatch(new RegExp(`^${sim.url}/files/[0-9a-f]{32}\\.mp4$`));
      expect(download.checks.every((c) => c.passed)).toBe(true);
      // Respect's schema check ran on each API answer.
      for (const step of w.executedSteps.slice(0, -1)) expect(step.checks.map((c) => c.name)).toContain('schema check');
    }
    const c = sim.counts();
    expect(c.tasksCreated).toBe(submitOperations.length);
    for (const op of submitOperations) expect(c.requests[op as keyof typeof c.requests], op).toBe(1);
    expect(c.requests.getTaskResult).toBe(2 * submitOperations.length);
    expect(c.requests.downloadVideo).toBe(submitOperations.length);
  });

  it('ends a workflow on TASK_STATUS_FAILED without downloading or polling on', { timeout: 60_000 }, async () => {
    sim = await startSimulator({ apiKey: 'sk-arazzo', queuedMs: 0, processingMs: 0, failureRate: 1 });
    const run = await respect({ server: sim.url, apiKey: 'sk-arazzo', workflows: ['q2ProFast'] });
    expect(run.code).not.toBe(0);
    expect(run.workflows.map((w) => w.executedSteps.map((s) => s.stepId))).toEqual([['submit', 'wait']]);
    expect(sim.counts().requests).toMatchObject({ getTaskResult: 1, downloadVideo: 0 });
  });

  it('fails when the key is wrong, at the submit', { timeout: 60_000 }, async () => {
    sim = await startSimulator({ apiKey: 'sk-arazzo' });
    const run = await respect({ server: sim.url, apiKey: 'wrong', workflows: ['q1Reference'] });
    expect(run.code).not.toBe(0);
    expect(run.workflows[0]!.executedSteps.map((s) => s.stepId)).toEqual(['submit']);
    expect(sim.counts().tasksCreated).toBe(0);
  });
});
