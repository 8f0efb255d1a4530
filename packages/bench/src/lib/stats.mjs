// @ts-check
/** Small statistics and formatting helpers shared by the benchmarks. */

/** @param {number[]} xs */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  // Both indices are in range: s is not empty, and m >= 1 when the length is even.
  const upper = /** @type {number} */ (s[m]);
  return s.length % 2 ? upper : (/** @type {number} */ (s[m - 1]) + upper) / 2;
}

/** @param {number[]} xs */
export function min(xs) {
  return xs.reduce((a, b) => Math.min(a, b), Infinity);
}

/** @param {number[]} xs */
export function max(xs) {
  return xs.reduce((a, b) => Math.max(a, b), -Infinity);
}

/**
 * Rotates `items` by `round` so that no variant always runs first (interleaving).
 * @template T @param {readonly T[]} items @param {number} round @returns {T[]}
 */
export function rotate(items, round) {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * A number with a sensible number of significant digits; anything else as String() has it.
 * @param {unknown} x @param {number} [digits]
 */
export function fmt(x, digits = 3) {
  if (typeof x !== 'number') return String(x);
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(digits)).toString();
}

export const MB = 1024 * 1024;
export const KB = 1024;

/** @param {number} bytes */
export function fmtBytes(bytes) {
  if (bytes >= MB) return `${fmt(bytes / MB)} MB`;
  if (bytes >= KB) return `${fmt(bytes / KB)} kB`;
  return `${bytes} B`;
}

/** @param {number} ratio */
export function pct(ratio) {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Burns no CPU: yields to the event loop once. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));
