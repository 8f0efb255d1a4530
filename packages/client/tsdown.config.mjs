import { packageConfig } from '../../tsdown.base.mjs';

// Each entry's exports get `types` conditions next to the files they describe, so both
// `import` and `require` resolve declarations of the matching module format.
const withTypes = (target) =>
  typeof target === 'string' && /\.c?js$/.test(target)
    ? { types: target.replace(/\.js$/, '.d.ts').replace(/\.cjs$/, '.d.cts'), default: target }
    : target;

export default packageConfig({
  // printable is its own entry so the CLI can print safely at start-up without loading the client.
  entry: ['src/index.ts', 'src/node.ts', 'src/printable.ts'],
  exports: {
    devExports: false,
    customExports(exports) {
      for (const [key, value] of Object.entries(exports)) {
        if (value && typeof value === 'object' && ('import' in value || 'require' in value)) {
          exports[key] = Object.fromEntries(Object.entries(value).map(([cond, t]) => [cond, withTypes(t)]));
        }
      }
      return exports;
    },
  },
});
