import '@vidukit/test-utils/node20-polyfills';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against @vidukit/client's source, so they need no build of it. Until that source
// exports `validateRequest` (being written in parallel), a shim over the same generated
// validators stands in; see test/support/client-shim.ts.
const clientSrc = fileURLToPath(new URL('../client/src/index.ts', import.meta.url));
const clientReady = existsSync(clientSrc) && /\bvalidateRequest\b/.test(readFileSync(clientSrc, 'utf8'));

export default defineConfig({
  resolve: {
    alias: {
      '@vidukit/client': clientReady ? clientSrc : fileURLToPath(new URL('./test/support/client-shim.ts', import.meta.url)),
    },
  },
  test: { testTimeout: 15_000 },
});
