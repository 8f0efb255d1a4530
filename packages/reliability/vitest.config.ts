import '@vidukit/test-utils/node20-polyfills';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites measure process resources and timings: run files one at a time.
    fileParallelism: false,
  },
});
