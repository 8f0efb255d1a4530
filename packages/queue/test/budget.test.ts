import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hasTool } from '@vidukit/test-utils/tools';
import { Budget, keysFor, parseBudget } from '../src/index.js';
import { maxInWindow } from './helpers.js';

describe('parseBudget', () => {
  it('reads n/window forms and names the field on bad input', () => {
    expect(parseBudget('50/60s')).toEqual({ limit: 50, windowMs: 60_000 });
    expect(parseBudget('5/1s')).toEqual({ limit: 5, windowMs: 1000 });
    expect(parseBudget('100/500ms')).toEqual({ limit: 100, windowMs: 500 });
    expect(parseBudget('60')).toEqual({ limit: 60, windowMs: 60_000 });
    expect(() => parseBudget('0/1s')).toThrow(/budget limit must be a positive integer/);
    expect(() => parseBudget('fast')).toThrow(/budget must look like/);
  });
});

describe.skipIf(!hasTool('redis-server'))('sliding-window budget on a real redis-server', () => {
  const url = inject('redisUrl');
  const clients: Redis[] = [];
  const connect = () => {
    const r = new Redis(url, { maxRetriesPerRequest: null });
    clients.push(r);
    return r;
  };
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it('never grants more than the limit in any sliding window, across several clients', async () => {
    const keys = keysFor({ queue: 'budget-sliding' });
    const config = { limit: 5, windowMs: 200, marginMs: 0 };
    // Three "workers", each with its own connection, 8 loops each, all hammering one budget.
    const budgets = [0, 1, 2].map(() => new Budget(connect(), keys, config));
    await budgets[0]!.configure(config);
    const grants: number[] = [];
    const end = Date.now() + 1500;
    await Promise.all(
      budgets.flatMap((b) =>
        Array.from({ length: 8 }, async () => {
          while (Date.now() < end) grants.push((await b.acquire()).at);
        }),
      ),
    );
    // Enough grants that the check means something (a window's worth several times over).
    expect(grants.length).toBeGreaterThan(4 * config.limit);
    expect(maxInWindow(grants, config.windowMs)).toBeLessThanOrEqual(config.limit);
  });

  it('is a sliding window: a fixed-window count of the same grants would not catch a burst at an edge', async () => {
    // The check itself: 5 at the end of one fixed window and 5 at the start of the next are 10
    // in one sliding window; maxInWindow sees them, a per-window count would not.
    const burst = [190, 191, 192, 193, 194, 200, 201, 202, 203, 204];
    expect(maxInWindow(burst, 200)).toBe(10);
    const keys = keysFor({ queue: 'budget-edge' });
    const b = new Budget(connect(), keys, { limit: 5, windowMs: 200, marginMs: 0 });
    for (let i = 0; i < 5; i++) expect((await b.tryAcquire()).granted).toBe(true);
    const sixth = await b.tryAcquire();
    expect(sixth.granted).toBe(false);
    if (!sixth.granted) expect(sixth.waitMs).toBeGreaterThan(0);
  });

  it('adds the margin to the window', async () => {
    const keys = keysFor({ queue: 'budget-margin' });
    const b = new Budget(connect(), keys, { limit: 1, windowMs: 100, marginMs: 400 });
    expect((await b.tryAcquire()).granted).toBe(true);
    const next = await b.tryAcquire();
    expect(next.granted).toBe(false);
    if (!next.granted) expect(next.waitMs).toBeGreaterThan(100);
  });

  it("one client's pause (after a 429) stops every client until it ends", async () => {
    const keys = keysFor({ queue: 'budget-pause' });
    const a = new Budget(connect(), keys, { limit: 100, windowMs: 1000 });
    const b = new Budget(connect(), keys, { limit: 100, windowMs: 1000 });
    await a.pause(400);
    const r = await b.tryAcquire();
    expect(r.granted).toBe(false);
    if (!r.granted) expect(r.waitMs).toBeGreaterThan(100);
    // A shorter pause never cuts a longer one.
    await b.pause(10);
    expect(await a.pausedFor()).toBeGreaterThan(100);
    const at = await b.acquire();
    expect(await a.pausedFor()).toBe(0);
    expect(at.at).toBeGreaterThan(0);
  });

  it('uses the budget stored in Redis over a worker fallback, so all workers share one', async () => {
    const keys = keysFor({ queue: 'budget-shared' });
    const a = new Budget(connect(), keys, { limit: 100, windowMs: 1000 });
    await new Budget(connect(), keys).configure({ limit: 2, windowMs: 60_000 });
    expect((await a.tryAcquire()).granted).toBe(true);
    expect((await a.tryAcquire()).granted).toBe(true);
    expect((await a.tryAcquire()).granted).toBe(false);
    expect(await a.current()).toMatchObject({ limit: 2, windowMs: 60_000 });
  });
});
