// @ts-check
/**
 * Bundle size: esbuild (bundle, minify, platform browser, format esm), then gzip -9, of the
 * main entries of @vidukit/client + @vidukit/polling, against openapi-fetch alone bundled the
 * same way in the same run. The spec-compiled validators are measured on their own too, since
 * they are most of what the client adds.
 */
import { fileURLToPath } from 'node:url';
import { bundleForBrowser } from '@vidukit/test-utils/bundle';
import { fmt, fmtBytes } from '../lib/stats.mjs';

/** @import { BenchOptions, BenchOutput } from '../report.mjs' */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} contents */
async function size(contents) {
  const { bytes, gzipBytes } = await bundleForBrowser(contents, { resolveDir: ROOT });
  return { min: bytes, gz: gzipBytes };
}

/** @param {BenchOptions} [options] @returns {Promise<BenchOutput>} */
export async function run(options = {}) {
  const log = options.log ?? (() => {});
  const entries = {
    'client + polling': "export * from '@vidukit/client'; export * from '@vidukit/polling';",
    client: "export * from '@vidukit/client';",
    polling: "export * from '@vidukit/polling';",
    'openapi-fetch': "export * from 'openapi-fetch'; export { default } from 'openapi-fetch';",
    // The validators the client calls (the generated module also re-exports ErrorBody's, which
    // only other packages' tests use and the client bundle leaves out).
    'spec-compiled validators': "export { requestValidators, answerValidators, parameter_TaskId } from '../../client/src/generated/validators.js';",
  };
  /** @typedef {keyof typeof entries} Entry */
  // Every key is set by the loop below before it is read.
  const s = /** @type {Record<Entry, { min: number, gz: number }>} */ ({});
  for (const name of /** @type {Entry[]} */ (Object.keys(entries))) s[name] = await size(entries[name]);
  log('bundle size done');
  const base = s['openapi-fetch'];
  const g = 'Bundle size';
  const rows = [
    {
      group: g,
      figure: 'client + polling main entries, min+gzip',
      value: fmtBytes(s['client + polling'].gz),
      baseline: `openapi-fetch alone ${fmtBytes(base.gz)}`,
      ratio: `${fmt(s['client + polling'].gz / base.gz)}x (+${fmtBytes(s['client + polling'].gz - base.gz)})`,
      // Issue 15: the one-pipeline rework must not grow the browser bundle past its size then.
      target: '<= 26.8 kB',
      met: s['client + polling'].gz <= 26.8 * 1024,
      note: `minified, before gzip: ${fmtBytes(s['client + polling'].min)} vs ${fmtBytes(base.min)}`,
    },
    {
      group: g,
      figure: 'of which spec-compiled validators (bundled alone), min+gzip',
      value: fmtBytes(s['spec-compiled validators'].gz),
      baseline: `openapi-fetch alone ${fmtBytes(base.gz)}`,
      ratio: `${fmt(s['spec-compiled validators'].gz / base.gz)}x`,
      target: '',
      met: null,
      note: `minified: ${fmtBytes(s['spec-compiled validators'].min)}`,
    },
    {
      group: g,
      figure: 'client alone / polling alone, min+gzip',
      value: `${fmtBytes(s.client.gz)} / ${fmtBytes(s.polling.gz)}`,
      baseline: `openapi-fetch alone ${fmtBytes(base.gz)}`,
      ratio: '',
      target: '',
      met: null,
      note: 'polling bundles the client parts it imports (normalizeTaskResult, errors)',
    },
  ];
  return { rows, raw: s };
}
