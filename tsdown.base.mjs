// The one build config every published package reuses: ESM + CommonJS with declarations for
// both, an `exports` map written from the entries, and publint on the result.
import { defineConfig } from 'tsdown';

/** @param {import('tsdown').UserConfig} [overrides] */
export function packageConfig(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2022',
    platform: 'neutral',
    sourcemap: false,
    clean: true,
    exports: { devExports: false },
    publint: true,
    ...overrides,
  });
}
