import { packageConfig } from '../../tsdown.base.mjs';

// Node-only (node:http, node:fs). `shims` gives the CommonJS build an `import.meta.url`, which
// src/asset.ts uses to find assets/sample.mp4 from dist/ in both formats.
export default packageConfig({ platform: 'node', shims: true });
