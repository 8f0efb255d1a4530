import { packageConfig } from '../../tsdown.base.mjs';

// Four entries: the browser-safe main entry (waiting), `./download` (streaming downloads, kept
// out of the main entry's bundle), `./node` (everything, downloads to a file path too), and
// `./testing` (ManualClock and the seeded PRNG).
export default packageConfig({
  entry: { index: 'src/index.ts', download: 'src/download-entry.ts', node: 'src/node.ts', testing: 'src/testing.ts' },
  deps: { neverBundle: [/^node:/] },
});
