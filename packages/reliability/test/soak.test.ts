/**
 * The fault soak in its small form (200 jobs), with the assertions of the 1,000-job run
 * (`pnpm --filter @vidukit/reliability soak`): no task id lost, no duplicate task, every
 * failure after a submit names its task, every submit in doubt reported as such, and the
 * books of the simulator and of the caller agree.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, formatSoak, runSoak } from '../src/soak.mjs';

const KINDS = ['serverError', 'badGateway', 'rateLimited', 'rateLimitedRetryAfter', 'resetBeforeAccept', 'stall', 'malformedJson'] as const;

describe('fault soak', () => {
  it('200 jobs under every fault at >= 5%: 0 lost task ids, 0 duplicates, every failure names its task', async () => {
    const faults = { ...Object.fromEntries(KINDS.map((k) => [k, 0.05])), submit: { resetAfterAccept: 0.05 } };
    const r = await runSoak({ jobs: 200, seed: 7, faults, refusedRate: 0.05 });
    console.log(formatSoak(r));

    // The fault mix really was on: every kind was injected, on submits and on polls.
    for (const k of KINDS) {
      expect(r.faultsByScope.submit[k], `submit ${k}`).toBeGreaterThan(0);
      expect(r.faultsByScope.read[k], `read ${k}`).toBeGreaterThan(0);
    }
    expect(r.faultsByScope.submit.resetAfterAccept).toBeGreaterThan(0);
    expect(r.refused.submit).toBeGreaterThan(0);
    expect(r.refused.read).toBeGreaterThan(0);

    // The claims.
    expect(r.lost, JSON.stringify(r.lostTasks, null, 2)).toBe(0);
    expect(r.duplicates).toBe(0);
    expect(r.failedWithoutTaskIdOnError).toBe(0);
    expect(r.pending).toBe(0);
    // Every job is accounted for exactly once.
    expect(r.completed + r.failedWithTaskId + r.inDoubt + r.submitRejected).toBe(200);
    // The simulator's books balance against the caller's: created = known + in doubt (+ 0 duplicates).
    expect(r.tasksCreated).toBe(r.distinctSuccessfulSubmits + r.inDoubtCreated);
    // Faults that create a task and lose the answer were all reported as in doubt, never retried.
    expect(r.inDoubtCreated).toBeGreaterThanOrEqual((r.faultsByScope.submit.resetAfterAccept ?? 0) + (r.faultsByScope.submit.malformedJson ?? 0));
    // Most jobs complete; per-attempt timeouts on a loaded machine turn some into failures with their task id.
    expect(r.completed).toBeGreaterThan(20);
  }, 90_000);

  it('the duplicate counter is not blind: with retrySubmitOnAmbiguousFailure it finds the duplicates the opt-in creates', async () => {
    const r = await runSoak({
      jobs: 60,
      seed: 3,
      manyShare: 0,
      retrySubmitOnAmbiguousFailure: true,
      faults: { submit: { resetAfterAccept: 0.25, malformedJson: 0.1 } },
      refusedRate: 0,
    });
    expect(r.duplicates).toBeGreaterThan(0);
    // The ids of those duplicates were never learned: the opt-in is exactly how ids get lost.
    expect(r.lost).toBe(r.duplicates);
    expect(r.tasksCreated).toBe(r.distinctSuccessfulSubmits + r.inDoubtCreated + r.duplicates);
  }, 30_000);

  it('the default soak mix puts every fault kind at >= 5%', () => {
    for (const k of KINDS) expect((DEFAULT_FAULTS as Record<string, number>)[k]).toBeGreaterThanOrEqual(0.05);
    expect(DEFAULT_FAULTS.submit.resetAfterAccept).toBeGreaterThanOrEqual(0.05);
  });
});
