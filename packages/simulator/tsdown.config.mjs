import { packageConfig } from '../../tsdown.base.mjs';

// Node-only (node:http, node:fs). `shims` gives the CommonJS build an `import.meta.url`, which
// src/asset.ts uses to find assets/sample.mp4 from dist/ in both formats.
// `@vidukit/polling/testing` (the repository's one seeded PRNG, a few lines with no imports) is
// bundled in, so the published simulator depends on neither @vidukit/polling nor @vidukit/client.
export default packageConfig({ platform: 'node', shims: true, noExternal: ['@vidukit/polling/testing'] });
