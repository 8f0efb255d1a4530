import '@vidukit/test-utils/node20-polyfills';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism from the spec (or VIDU_CONTRACT_BASE_URL) for the contract and differential suites.
    globalSetup: ['@vidukit/test-utils/prism-global-setup'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 30_000,
  },
});
