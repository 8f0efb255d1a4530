/**
 * The fault soak in its small form (200 jobs), with the assertions of the 1,000-job run
 * (`pnpm --filter @vidukit/reliability soak`): no task id lost, no duplicate task, no wait lost
 * to a transient fault, every failure after a submit names its task, every submit in doubt
 * reported as such, every completed video downloaded, and the books of the simulator and of
 * the caller agree. No wall-clock asserts: the per-attempt timeout is generous (3 s) for a
 * loaded machine, and the simulator's drips (a fifth of it) and the download idle timeout
 * (equal to it) scale with it, so a drip still completes and a stalled download still trips.
 */
import { FAULT_KINDS, FAULT_SCOPES } from '@vidukit/simulator';
import { OPERATION_EXAMPLES, SUBMIT_OPERATIONS } from '@vidukit/types';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, faultMix, formatSoak, jobBody, runSoak } from '../src/soak.mjs';

const SCOPES = ['submit', 'read', 'download'] as const;

describe('fault soak', () => {
  it('200 jobs under every fault at 5%: 0 lost task ids, 0 duplicates, 0 waits lost, every video downloaded', async () => {
    const r = await runSoak({ jobs: 200, seed: 7, faults: faultMix(0.05), refusedRate: 0.05, attemptTimeoutMs: 3000 });
    console.log(formatSoak(r));

    // The fault mix really was on: every kind was injected on every scope it applies to.
    for (const kind of FAULT_KINDS) {
      for (const scope of FAULT_SCOPES[kind]) expect(r.faultsByScope[scope][kind], `${scope} ${kind}`).toBeGreaterThan(0);
    }
    expect(r.eligibleReads.notFound).toBeGreaterThan(r.faultsByScope.read.notFound!);
    expect(r.refused.submit).toBeGreaterThan(0);
    expect(r.refused.read).toBeGreaterThan(0);
    // Unknown statuses were collected as warnings (not printed), and the waits went on.
    expect(r.warnings.count).toBeGreaterThan(0);
    expect(r.warnings.statuses).toEqual(['TASK_STATUS_SOMETHING_NEW']);

    // The claims.
    expect(r.lost, JSON.stringify(r.lostTasks, null, 2)).toBe(0);
    expect(r.duplicates).toBe(0);
    expect(r.waitsLost, JSON.stringify(r.waitsLostDetails, null, 2)).toBe(0);
    expect(r.failedWithoutTaskIdOnError).toBe(0);
    expect(r.foreignTaskIdOnError).toBe(0);
    expect(r.pending).toBe(0);
    expect(r.completedNotSucceeded).toBe(0);
    // Every job is accounted for exactly once.
    expect(r.completed + r.failedWithTaskId + r.inDoubt + r.submitRejected).toBe(200);
    expect(r.failedWithTaskId).toBe(r.failedOnServer);
    // The simulator's books balance against the caller's: created = known + in doubt (+ 0 duplicates).
    expect(r.tasksCreated).toBe(r.distinctSuccessfulSubmits + r.inDoubtCreated);
    // Faults that create a task and lose the answer were all reported as in doubt, never retried.
    expect(r.inDoubtCreated).toBeGreaterThanOrEqual(r.faultsByScope.submit.resetAfterAccept! + r.faultsByScope.submit.malformedJson!);
    // Every completed job's video was downloaded (stalls, truncations and 5xx were tried again).
    expect(r.downloads.failed, JSON.stringify(r.downloads.errors)).toBe(0);
    expect(r.downloads.completed).toBe(r.completed);
    // downloadVideo's own retries did work here, resuming cut downloads with a Range.
    expect(r.downloads.innerRetries).toBeGreaterThan(0);
    expect(r.downloads.resumed).toBeGreaterThan(0);
    expect(r.completed).toBeGreaterThan(20);
  }, 600_000);

  it('the duplicate counter is not blind: with retrySubmitOnAmbiguousFailure it finds the duplicates the opt-in creates', async () => {
    const r = await runSoak({
      jobs: 60,
      seed: 3,
      manyShare: 0,
      retrySubmitOnAmbiguousFailure: true,
      faults: { submit: { resetAfterAccept: 0.25, malformedJson: 0.1 } },
      refusedRate: 0,
      download: false,
    });
    expect(r.duplicates).toBeGreaterThan(0);
    // The ids of those duplicates were never learned: the opt-in is exactly how ids get lost.
    expect(r.lost).toBe(r.duplicates);
    expect(r.tasksCreated).toBe(r.distinctSuccessfulSubmits + r.inDoubtCreated + r.duplicates);
  }, 60_000);

  it('the default soak mix puts every fault kind at >= 5% on every scope it applies to, within the simulator sum rule', () => {
    for (const scope of SCOPES) {
      const rates = DEFAULT_FAULTS[scope];
      const kinds = FAULT_KINDS.filter((k) => FAULT_SCOPES[k].includes(scope));
      expect(Object.keys(rates).sort()).toEqual([...kinds].sort());
      for (const k of kinds) expect(rates[k], `${scope} ${k}`).toBeGreaterThanOrEqual(0.05);
      expect(Object.values(rates).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    }
  });

  it('job bodies come from the spec examples: every submit operation, the job marker in a prompt', () => {
    const ops = new Set<string>();
    for (let n = 0; n < SUBMIT_OPERATIONS.length * 2; n++) {
      const { op, body } = jobBody(n);
      ops.add(op);
      expect(JSON.stringify(body)).toContain(`soak-job-${n}`);
      // Everything but the marker is one of the operation's named examples.
      const unmarked = JSON.parse(JSON.stringify(body).replace(` (soak-job-${n})`, ''));
      expect(Object.values(OPERATION_EXAMPLES[op as keyof typeof OPERATION_EXAMPLES])).toContainEqual(unmarked);
    }
    expect([...ops].sort()).toEqual(SUBMIT_OPERATIONS.map((o) => o.operationId).sort());
  });
});
