import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const PNPM_VERSION = '12.21.0';
export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const pnpmBin = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');
