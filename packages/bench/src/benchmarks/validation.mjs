// @ts-check
/**
 * Validation cost: microseconds per body for each operation, through the public
 * `validateRequest` (which also round-trips the body through JSON, exactly as it will be sent)
 * and through the spec-compiled Ajv validator alone. Baseline measured in the same run:
 * `JSON.stringify(body)`, which every request pays anyway. Large bodies carry 7 images as 5 MB
 * data URLs; the scaling series (1, 2, 4, 7 images) shows the time per MB stays flat (linear).
 */
import { largeBody, typicalBodies } from '../lib/bodies.mjs';
import { fmt, MB, median, rotate } from '../lib/stats.mjs';

/** @import { BenchOptions, BenchOutput, Row } from '../report.mjs' */
/**
 * Median microseconds per call of each variant; `validateRequest` only when the client exports it.
 * @typedef {{ stringify: number, compiled: number, validateRequest?: number, checkRequest?: number }} Timings
 */

const OPS = /** @type {const} */ (['submitQ2ProFast', 'submitQ2ProMultiframe', 'submitQ1Reference', 'submitQ2Reference']);

/**
 * Microseconds per call: batches of calls until `minMs` has passed, `rounds` times; median.
 * @param {() => unknown} fn
 */
function usPerCall(fn, { minMs = 20, rounds = 7, warmup = 3, gc = false } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const collect = gc && typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
  const results = [];
  for (let r = 0; r < rounds; r++) {
    collect(); // large bodies: start every round from a collected heap, so GC debt is not billed at random
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      fn();
      n++;
      t = performance.now();
    } while (t - t0 < minMs);
    results.push(((t - t0) * 1000) / n);
  }
  return median(results);
}

/**
 * Times each variant in `rounds` interleaved rounds (order rotated per round); medians by name.
 * @param {[keyof Timings, () => unknown][]} fns @param {number} rounds
 * @param {Parameters<typeof usPerCall>[1]} timing
 */
function timeVariants(fns, rounds, timing) {
  const variants = fns.map(([name, fn]) => ({ name, fn, us: /** @type {number[]} */ ([]) }));
  for (let r = 0; r < rounds; r++) for (const v of rotate(variants, r)) v.us.push(usPerCall(v.fn, timing));
  // Exactly the names of `fns`, which always include stringify and compiled.
  return /** @type {Timings} */ (Object.fromEntries(variants.map((v) => [v.name, median(v.us)])));
}

async function loadValidators() {
  const client = /** @type {any} */ (await import('@vidukit/client'));
  // The compiled validators alone (no JSON round-trip, no issue mapping), from the client's
  // generated module: read-only use of another package's build output.
  const compiled = /** @type {any} */ (await import('../../../client/src/generated/validators.js'));
  return {
    validateRequest: typeof client.validateRequest === 'function' ? client.validateRequest : undefined,
    // Validation and serialisation in one pass: what a submit does before sending.
    checkRequest: typeof client.checkRequest === 'function' ? client.checkRequest : undefined,
    compiled,
  };
}

/** @param {BenchOptions} [options] @returns {Promise<BenchOutput>} */
export async function run(options = {}) {
  const smoke = options.smoke ?? false;
  const log = options.log ?? (() => {});
  const imageBytes = smoke ? 64 * 1024 : 5 * MB;
  const timing = smoke ? { minMs: 2, rounds: 2 } : { minMs: 30, rounds: 5 };
  const largeTiming = smoke ? { minMs: 1, rounds: 2, warmup: 1, gc: true } : { minMs: 60, rounds: 5, warmup: 1, gc: true };
  const { validateRequest, checkRequest, compiled } = await loadValidators();
  /** @type {Row[]} */
  const rows = [];
  /**
   * @type {{
   *   typical: Record<string, Timings>, large: Record<string, { bytes: number } & Timings>,
   *   scaling: Record<number, { mb: number, us: number, usPerMb: number }>,
   * }}
   */
  const raw = { typical: {}, large: {}, scaling: {} };
  const note = validateRequest ? undefined : 'validateRequest is not exported by @vidukit/client (yet): compiled validator only';

  for (const op of OPS) {
    const body = typicalBodies[op];
    const validator = compiled[`request_${op}`];
    if (!validator(body)) throw new Error(`typical ${op} body is invalid: ${JSON.stringify(validator.errors)}`);
    if (validateRequest?.(op, body).length) throw new Error(`typical ${op} body is invalid`);
    // Interleave: stringify baseline, compiled validator, validateRequest, rotated per round.
    /** @type {[keyof Timings, () => unknown][]} */
    const fns = [
      ['stringify', () => JSON.stringify(body)],
      ['compiled', () => validator(body)],
    ];
    if (validateRequest) fns.push(['validateRequest', () => validateRequest(op, body)]);
    const m = timeVariants(fns, 3, timing);
    raw.typical[op] = m;
    const main = m.validateRequest ?? m.compiled;
    rows.push({
      group: 'Validation cost',
      figure: `${op}, typical body: ${validateRequest ? 'validateRequest' : 'compiled validator'}, us/body`,
      value: fmt(main),
      baseline: `JSON.stringify ${fmt(m.stringify)} us; compiled validator alone ${fmt(m.compiled)} us`,
      ratio: `${fmt(main / m.stringify)}x JSON.stringify`,
      target: '< 50 us',
      met: main < 50,
      note,
    });
  }
  log('validation: typical bodies done');

  // Warm the large-body paths once (JIT, string flattening, heap growth) so the first operation
  // measured does not pay for it alone.
  {
    const warm = largeBody(OPS[0], 7, imageBytes);
    for (let i = 0; i < 2; i++) {
      JSON.stringify(warm);
      validateRequest?.(OPS[0], warm);
      checkRequest?.(OPS[0], warm);
    }
  }
  for (const op of OPS) {
    const body = largeBody(op, 7, imageBytes);
    const validator = compiled[`request_${op}`];
    const bytes = JSON.stringify(body).length;
    if (!validator(body)) throw new Error(`large ${op} body is invalid: ${JSON.stringify(validator.errors)}`);
    /** @type {[keyof Timings, () => unknown][]} */
    const fns = [
      ['stringify', () => JSON.stringify(body)],
      ['compiled', () => validator(body)],
    ];
    if (validateRequest) fns.push(['validateRequest', () => validateRequest(op, body)]);
    if (checkRequest) fns.push(['checkRequest', () => checkRequest(op, body)]);
    const m = timeVariants(fns, smoke ? 1 : 3, largeTiming);
    raw.large[op] = { bytes, ...m };
    if (m.checkRequest !== undefined) {
      // Issue 15: the client validates and serialises a body in one pass; the text it sends is
      // the JSON of the value it validated. Target: at most 1.1x one JSON.stringify.
      rows.push({
        group: 'Validation cost',
        figure: `${op}, ${fmt(bytes / MB)} MB body: validation + serialisation (checkRequest, the text sent), ms/body`,
        value: fmt(m.checkRequest / 1000),
        baseline: `one JSON.stringify ${fmt(m.stringify / 1000)} ms`,
        ratio: `${fmt(m.checkRequest / m.stringify)}x JSON.stringify`,
        target: '<= 1.1x one JSON.stringify',
        met: m.checkRequest <= 1.1 * m.stringify,
      });
    }
    const main = m.validateRequest ?? m.compiled;
    rows.push({
      group: 'Validation cost',
      figure: `${op}, 7 images x ${fmt(imageBytes / MB)} MB data URLs (${fmt(bytes / MB)} MB body), ms/body`,
      value: fmt(main / 1000),
      baseline: `JSON.stringify ${fmt(m.stringify / 1000)} ms; compiled validator alone ${fmt(m.compiled / 1000)} ms`,
      ratio: `${fmt(main / m.stringify)}x JSON.stringify`,
      target: '',
      met: null,
      note,
    });
  }
  log('validation: large bodies done');

  // Scaling: Q1 reference with 1, 2, 4, 7 images; time per MB of body must stay flat.
  const counts = [1, 2, 4, 7];
  const perMb = [];
  /** @type {(body: unknown) => unknown} */
  const fn = validateRequest ? (b) => validateRequest('submitQ1Reference', b) : (b) => compiled.request_submitQ1Reference(b);
  for (const n of counts) {
    const body = largeBody('submitQ1Reference', n, imageBytes);
    const mb = JSON.stringify(body).length / MB;
    const us = usPerCall(() => fn(body), largeTiming);
    perMb.push(us / mb);
    raw.scaling[n] = { mb, us, usPerMb: us / mb };
  }
  const spread = Math.max(...perMb) / Math.min(...perMb);
  // counts is not empty, so perMb has both ends.
  const first = /** @type {number} */ (perMb[0]);
  const last = /** @type {number} */ (perMb[perMb.length - 1]);
  const fitsLinear = last / first;
  rows.push({
    group: 'Validation cost',
    figure: `submitQ1Reference scaling, us per MB at ${counts.join(' / ')} images`,
    value: perMb.map((x) => fmt(x)).join(' / '),
    baseline: `1 image: ${fmt(first)} us/MB`,
    ratio: `7 images / 1 image: ${fmt(fitsLinear)}x per MB (quadratic would be ~7x)`,
    target: 'linear (per-MB time roughly constant)',
    met: fitsLinear < 2,
    note: `max/min spread ${fmt(spread)}x`,
  });
  log('validation: scaling done');
  /** @type {string[]} */
  const notes = [];
  const q1 = raw.large.submitQ1Reference;
  if (q1?.validateRequest) {
    notes.push(
      `Large bodies: the compiled validator alone takes ${fmt(q1.compiled)} us on the ${fmt(q1.bytes / MB)} MB Q1 body (no schema keyword reads the image strings); ` +
        `validateRequest walks the body once (own fields, values JSON would alter, lone surrogates), validates that copy and serialises it: ${fmt(q1.validateRequest / 1000)} ms, ` +
        `${fmt(q1.validateRequest / q1.stringify)}x one JSON.stringify, linear in size. A submit sends that very text (checkRequest), so it pays no second stringify. ` +
        'Large-body timings are medians of 3 interleaved rounds; on this shared machine one JSON.stringify of 35 MB swings by 2x between rounds, so read the four operations together.',
    );
  }
  return { rows, raw, notes };
}
