import { packageConfig } from '../../tsdown.base.mjs';

// A bin: ESM only, for Node. `dist/bin.js` keeps its shebang; `dist/index.js` exports `run(argv)`.
export default packageConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  platform: 'node',
  fixedExtension: false,
  exports: false,
  publint: true,
});
