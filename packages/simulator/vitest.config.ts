import '@vidukit/test-utils/node20-polyfills';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Test against @vidukit/client's source (its validateRequest), so no build of it is needed.
    alias: { '@vidukit/client': fileURLToPath(new URL('../client/src/index.ts', import.meta.url)) },
  },
  test: { testTimeout: 15_000 },
});
