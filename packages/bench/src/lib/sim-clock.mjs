// @ts-check
/**
 * A simulated clock for the scheduler benchmark: a min-heap of timers, time jumps straight to
 * the next timer. `view(label)` hands out a Clock (the @vidukit/polling interface) whose timers
 * are counted under `label`, so the scheduler's timers and the fake server's latency timers are
 * told apart. Counting is exact: a timer is live from setTimeout until it fires or is cleared.
 */

/** @typedef {{ at: number, seq: number, id: number, cb: () => void }} Timer */
/** @typedef {{ created: number, live: number, maxLive: number }} TimerCounts */

/** True when `a` fires before `b` (earlier time, then earlier creation). @param {Timer} a @param {Timer} b */
const firesBefore = (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class SimClock {
  now = 0;
  #seq = 0;
  /** @type {Timer[]} */
  #heap = [];
  /** @type {Map<number, TimerCounts>} live timer id -> the counts of the view that set it */
  #live = new Map();
  /** @type {Record<string, TimerCounts>} */
  counts = {};
  fired = 0;

  /** The timer counts of `label`'s view (zeros before the view sets a timer). @param {string} label */
  countsFor(label) {
    let c = this.counts[label];
    if (c === undefined) {
      c = { created: 0, live: 0, maxLive: 0 };
      this.counts[label] = c;
    }
    return c;
  }

  /** @param {string} label @returns {import('@vidukit/polling').Clock} */
  view(label) {
    const c = this.countsFor(label);
    return {
      now: () => this.now,
      /** @param {() => void} cb @param {number} ms */
      setTimeout: (cb, ms) => {
        const id = ++this.#seq;
        c.created++;
        c.live++;
        c.maxLive = Math.max(c.maxLive, c.live);
        this.#live.set(id, c);
        this.#push({ at: this.now + Math.max(0, ms), seq: id, id, cb });
        return id;
      },
      /** @param {unknown} id */
      clearTimeout: (id) => {
        if (this.#live.delete(/** @type {number} */ (id))) c.live--;
      },
    };
  }

  /** @param {Timer} t */
  #push(t) {
    const a = this.#heap;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = /** @type {Timer} */ (a[p]); // p < i < a.length
      if (firesBefore(parent, t)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = t;
  }

  #pop() {
    const a = this.#heap;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = -1;
        let best = last;
        // A child index is in range exactly when the slot holds a timer.
        const left = a[l];
        const right = a[r];
        if (left && firesBefore(left, best)) {
          m = l;
          best = left;
        }
        if (right && firesBefore(right, best)) {
          m = r;
          best = right;
        }
        if (m < 0) break;
        a[i] = best;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }

  /** Fires the next live timer; false when none is left. */
  fireNext() {
    for (;;) {
      const t = this.#pop();
      if (!t) return false;
      const c = this.#live.get(t.id);
      if (c === undefined) continue; // cleared
      this.#live.delete(t.id);
      c.live--;
      this.now = Math.max(this.now, t.at);
      this.fired++;
      t.cb();
      return true;
    }
  }

  /**
   * Drives `promise` to completion: drain promise jobs, fire the next timer, repeat.
   * @template T @param {Promise<T>} promise @param {() => void} [onStep]
   * @returns {Promise<T>}
   */
  async run(promise, onStep) {
    let settled = false;
    const tracked = promise.finally(() => (settled = true));
    tracked.catch(() => {});
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (settled) break;
      onStep?.();
      if (!this.fireNext()) {
        await new Promise((r) => setImmediate(r));
        if (!settled) throw new Error('SimClock.run: pending with no timer left');
      }
    }
    return tracked;
  }
}
