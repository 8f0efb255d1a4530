import '@vidukit/test-utils/node20-polyfills';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@vidukit/test-utils/prism-global-setup'],
    testTimeout: 30_000,
  },
});
