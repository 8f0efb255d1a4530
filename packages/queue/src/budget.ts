/**
 * One provider request budget for every worker: at most `limit` requests in ANY sliding window
 * of `windowMs`, counted on the Redis clock (so workers on machines with skewed clocks agree).
 * BullMQ's own limiter counts fixed windows, which lets up to twice the limit through around a
 * window edge; this is a sorted set of grant times checked and extended in one Lua script.
 *
 * A 429 from the provider sets a pause key with a TTL; every acquire waits it out first, so one
 * worker's 429 pauses all of them.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

export interface BudgetConfig {
  /** Requests allowed in any window (submits and polls together). */
  limit: number;
  /** The window, in ms. */
  windowMs: number;
  /**
   * Slack added to the window when counting grants (default 5% of it, at least 200 ms). A grant
   * is counted on the Redis clock but reaches the provider a little later, and not every
   * request takes equally long: without slack two requests granted a window apart could arrive
   * less than a window apart. Half of it bounds how long a grant may wait before its request
   * is sent (see `Budget.fresh`); the other half covers the network.
   */
  marginMs?: number;
  /** Also keep every grant time in a log (`Budget.grants`), for audits and tests. Off by default: it grows without bound. */
  audit?: boolean;
}

/**
 * The slack kept free at the end of each window (`marginMs`, else 5% of the window and at least 200 ms), so that requests granted a window apart never arrive closer together than the provider counts.
 *
 * @example
 * ```ts
 * import { marginOf, parseBudget } from '@vidukit/queue';
 *
 * marginOf(parseBudget('50/60s')); // 3000: 5% of the window (at least 200 ms) kept free of grants
 * marginOf({ limit: 5, windowMs: 1_000, marginMs: 50 }); // 50: an explicit margin wins
 * ```
 */
export const marginOf = (c: BudgetConfig): number => c.marginMs ?? Math.max(200, Math.ceil(c.windowMs * 0.05));

/** A granted request: when Redis counted it, and when (on this process's monotonic clock) we asked. */
export interface Grant {
  at: number;
  askedAt: number;
  /** The margin in force when it was granted. */
  marginMs: number;
}

/** The provider's documented limit is per minute; 60 a minute is a safe default for one key. */
export const DEFAULT_BUDGET: BudgetConfig = { limit: 60, windowMs: 60_000 };

// Returns {1, grantTimeMs, marginMs} when granted, {0, waitMs} when not.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused} end
local limit = tonumber(redis.call('HGET', KEYS[3], 'limit') or ARGV[1])
local margin = tonumber(redis.call('HGET', KEYS[3], 'marginMs') or ARGV[4])
local window = tonumber(redis.call('HGET', KEYS[3], 'windowMs') or ARGV[2]) + margin
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  if redis.call('HGET', KEYS[3], 'audit') == '1' then redis.call('ZADD', KEYS[4], now, ARGV[3]) end
  return {1, now, margin}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
`;

// Extends the pause to at least ARGV[1] ms; never shortens a longer one.
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '429', 'PX', ARGV[1]) end
return left
`;

/**
 * The request budget shared by every worker of a queue: a sliding window in Redis (on the Redis clock), and one pause for all after a 429.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { Budget, keysFor } from '@vidukit/queue';
 *
 * // One sliding-window budget shared by every worker of the queue.
 * const budget = new Budget(new Redis('redis://127.0.0.1:6379'), keysFor({ queue: 'vidu' }));
 * await budget.configure({ limit: 50, windowMs: 60_000 });
 * const grant = await budget.tryAcquire();
 * console.log(grant.granted ? 'send the request now' : `wait ${grant.waitMs} ms`);
 * ```
 */
export class Budget {
  readonly #redis: Redis;
  readonly #keys: Keys;
  readonly #fallback: BudgetConfig;
  readonly #id = randomBytes(6).toString('hex');
  #n = 0;

  constructor(redis: Redis, keys: Keys, fallback: BudgetConfig = DEFAULT_BUDGET) {
    checkBudget(fallback);
    this.#redis = redis;
    this.#keys = keys;
    this.#fallback = fallback;
  }

  /** Stores the budget in Redis: from now on every worker of this queue uses it. */
  async configure(config: BudgetConfig): Promise<void> {
    checkBudget(config);
    await this.#redis.hset(this.#keys.budgetConfig, { limit: String(config.limit), windowMs: String(config.windowMs), marginMs: String(marginOf(config)), audit: config.audit ? '1' : '0' });
  }

  /** The budget in force (the stored one, else the fallback this process was given). */
  async current(): Promise<BudgetConfig> {
    const h = await this.#redis.hgetall(this.#keys.budgetConfig);
    return h.limit && h.windowMs
      ? { limit: Number(h.limit), windowMs: Number(h.windowMs), marginMs: Number(h.marginMs ?? 0), ...(h.audit === '1' ? { audit: true } : {}) }
      : this.#fallback;
  }

  /** One try: the grant, or how long to wait before trying again. */
  async tryAcquire(): Promise<({ granted: true } & Grant) | { granted: false; waitMs: number }> {
    const member = `${this.#id}:${++this.#n}`;
    const askedAt = performance.now();
    const [ok, n, marginMs] = (await this.#redis.eval(
      ACQUIRE,
      4,
      this.#keys.budget,
      this.#keys.pause,
      this.#keys.budgetConfig,
      this.#keys.budgetLog,
      String(this.#fallback.limit),
      String(this.#fallback.windowMs),
      member,
      String(marginOf(this.#fallback)),
    )) as [number, number, number?];
    return ok === 1 ? { granted: true, at: n, askedAt, marginMs: marginMs ?? marginOf(this.#fallback) } : { granted: false, waitMs: n };
  }

  /** Waits until one request may be sent, then counts it. */
  async acquire(signal?: AbortSignal): Promise<Grant> {
    for (;;) {
      signal?.throwIfAborted();
      const r = await this.tryAcquire();
      if (r.granted) return { at: r.at, askedAt: r.askedAt, marginMs: r.marginMs };
      // Small random spread so waiting workers do not all retry at the same instant.
      await delay(Math.min(r.waitMs, 5_000) + Math.floor(Math.random() * 20), signal);
    }
  }

  /**
   * Whether a grant is still good to send on. A busy process (or a slow Redis answer) can sit
   * on a grant; sent late, it would land in a later window than the one that counted it. A
   * stale grant stays counted (it cannot be given back safely) and the caller asks again.
   */
  fresh(grant: Grant): boolean {
    return performance.now() - grant.askedAt <= grant.marginMs / 2;
  }

  /** A grant that is fresh right now: asks again while the one in hand has gone stale. */
  async freshGrant(grant?: Grant, signal?: AbortSignal): Promise<Grant> {
    let g = grant ?? (await this.acquire(signal));
    while (!this.fresh(g)) g = await this.acquire(signal);
    return g;
  }

  /** Every grant time (Redis clock, ms) logged while `audit` was on, oldest first. */
  async grants(): Promise<number[]> {
    const flat = await this.#redis.zrange(this.#keys.budgetLog, '0', '-1', 'WITHSCORES');
    const out: number[] = [];
    for (let i = 1; i < flat.length; i += 2) out.push(Number(flat[i]));
    return out;
  }

  /** Pauses every worker for at least `ms` (after a 429). */
  async pause(ms: number): Promise<void> {
    await this.#redis.eval(PAUSE, 1, this.#keys.pause, String(Math.max(1, Math.ceil(ms))));
  }

  /** Milliseconds left of the shared pause (0 when not paused). */
  async pausedFor(): Promise<number> {
    return Math.max(0, await this.#redis.pttl(this.#keys.pause));
  }
}

/**
 * Throws a `RangeError` unless the budget is a positive whole number of requests per positive window.
 *
 * @example
 * ```ts
 * import { checkBudget } from '@vidukit/queue';
 *
 * checkBudget({ limit: 50, windowMs: 60_000 }); // fine
 * checkBudget({ limit: 0, windowMs: 60_000 }); // throws: the limit must be a positive integer
 * ```
 */
export function checkBudget(c: BudgetConfig): void {
  if (!Number.isInteger(c.limit) || c.limit < 1) throw new RangeError(`budget limit must be a positive integer, got ${String(c.limit)}`);
  if (!Number.isInteger(c.windowMs) || c.windowMs < 1) throw new RangeError(`budget windowMs must be a positive integer of ms, got ${String(c.windowMs)}`);
  if (c.marginMs !== undefined && (!Number.isInteger(c.marginMs) || c.marginMs < 0)) throw new RangeError(`budget marginMs must be a non-negative integer of ms, got ${String(c.marginMs)}`);
}

/**
 * `50/60s`, `5/1s`, `100/500ms`, `60` (per minute) -> a budget.
 *
 * @example
 * ```ts
 * import { parseBudget } from '@vidukit/queue';
 *
 * parseBudget('50/60s'); // { limit: 50, windowMs: 60000 }
 * parseBudget('100/500ms'); // { limit: 100, windowMs: 500 }
 * parseBudget('60'); // 60 per minute
 * ```
 */
export function parseBudget(text: string): BudgetConfig {
  const m = /^\s*(\d+)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?)?\s*$/.exec(text);
  if (!m) throw new RangeError(`budget must look like 60/60s, 5/1s or 100/500ms, got ${JSON.stringify(text)}`);
  const limit = Number(m[1]);
  const amount = m[2] === undefined ? 60 : Number(m[2]);
  const unit = m[2] === undefined ? 's' : (m[3] ?? 's');
  const windowMs = Math.round(amount * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000));
  const config = { limit, windowMs };
  checkBudget(config);
  return config;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
