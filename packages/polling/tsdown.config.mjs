import { packageConfig } from '../../tsdown.base.mjs';

// Two entries: the browser-safe main entry, and `./node` which adds file-path downloads.
export default packageConfig({ entry: ['src/index.ts', 'src/node.ts'], deps: { neverBundle: [/^node:/] } });
