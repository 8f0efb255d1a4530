#!/usr/bin/env node
// Runs the repo-local pnpm that bootstrap.mjs installed, so the README commands need no global pnpm.
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pnpmBin, root } from './pnpm-path.mjs';

const result = spawnSync(process.execPath, [pnpmBin, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // Tools that shell out to `pnpm` (tsdown's publint pack step, changesets) find the local one.
  env: {
    ...process.env,
    PATH: `${join(root, '.tools', 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
    TURBO_TELEMETRY_DISABLED: '1',
  },
});
process.exit(result.status ?? 1);
