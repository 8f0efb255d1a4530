import '@vidukit/test-utils/node20-polyfills';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/redis-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // The suites share one redis-server and spawn worker processes: one file at a time on 2 cores.
    fileParallelism: false,
  },
});
