// @ts-check
/**
 * A simulated clock for the scheduler benchmark: a min-heap of timers, time jumps straight to
 * the next timer. `view(label)` hands out a Clock (the @vidukit/polling interface) whose timers
 * are counted under `label`, so the scheduler's timers and the fake server's latency timers are
 * told apart. Counting is exact: a timer is live from setTimeout until it fires or is cleared.
 */
export class SimClock {
  now = 0;
  #seq = 0;
  /** @type {{ at: number, seq: number, id: number, cb: () => void }[]} */
  #heap = [];
  /** @type {Map<number, string>} live timer id -> label */
  #live = new Map();
  /** @type {Record<string, { created: number, live: number, maxLive: number }>} */
  counts = {};
  fired = 0;

  /** @param {string} label */
  view(label) {
    const c = (this.counts[label] ??= { created: 0, live: 0, maxLive: 0 });
    return {
      now: () => this.now,
      /** @param {() => void} cb @param {number} ms */
      setTimeout: (cb, ms) => {
        const id = ++this.#seq;
        c.created++;
        c.live++;
        c.maxLive = Math.max(c.maxLive, c.live);
        this.#live.set(id, label);
        this.#push({ at: this.now + Math.max(0, ms), seq: id, id, cb });
        return id;
      },
      /** @param {unknown} id */
      clearTimeout: (id) => {
        if (this.#live.delete(/** @type {number} */ (id))) c.live--;
      },
    };
  }

  #push(t) {
    const a = this.#heap;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].at < t.at || (a[p].at === t.at && a[p].seq < t.seq)) break;
      a[i] = a[p];
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
        if (l < a.length && (a[l].at < best.at || (a[l].at === best.at && a[l].seq < best.seq))) (m = l), (best = a[l]);
        if (r < a.length && (a[r].at < best.at || (a[r].at === best.at && a[r].seq < best.seq))) (m = r), (best = a[r]);
        if (m < 0) break;
        a[i] = a[m];
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
      const label = this.#live.get(t.id);
      if (label === undefined) continue; // cleared
      this.#live.delete(t.id);
      this.counts[label].live--;
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
