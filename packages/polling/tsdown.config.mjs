import { packageConfig } from '../../tsdown.base.mjs';

// Three entries: the browser-safe main entry, `./node` which adds file-path downloads, and
// `./testing` (ManualClock and the seeded PRNG).
export default packageConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/testing.ts'], deps: { neverBundle: [/^node:/] } });
