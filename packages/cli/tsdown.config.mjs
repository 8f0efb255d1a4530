import { packageConfig } from '../../tsdown.base.mjs';

// The programmatic entry (`run(argv)`) is dual ESM/CJS like every package; the bin is ESM only
// and keeps its shebang.
export default [
  packageConfig({
    entry: ['src/index.ts'],
    platform: 'node',
    shims: true,
    fixedExtension: false,
    exports: {
      devExports: false,
      customExports: (exports) => ({
        ...exports,
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
      }),
    },
  }),
  packageConfig({ entry: ['src/bin.ts'], format: ['esm'], platform: 'node', fixedExtension: false, dts: false, clean: false, exports: false, publint: false }),
];
