// Absolute paths of the runtime binaries installed as this package's devDependencies. A binary
// that is missing (another platform: the Node packages are linux-x64 only) is `undefined`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (rel) => {
  const path = fileURLToPath(new URL(`./node_modules/${rel}`, import.meta.url));
  return existsSync(path) ? path : undefined;
};

export const runtimes = Object.freeze({
  node22: here('node22/bin/node'),
  node24: here('node24/bin/node'),
  bun: here('.bin/bun'),
  deno: here('.bin/deno'),
  workerd: here('.bin/workerd'),
});
