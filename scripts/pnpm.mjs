#!/usr/bin/env node
// Runs the repo-local pnpm that bootstrap.mjs installed, so the README commands need no global pnpm.
import { spawnSync } from 'node:child_process';
import { repoEnv } from './repo-env.mjs';
import { pnpmBin, root } from './pnpm-path.mjs';

// repoEnv puts the local pnpm first on PATH (tsdown's publint pack step and changesets shell out
// to `pnpm`) and keeps temporary files and tool caches inside the repository.
const result = spawnSync(process.execPath, [pnpmBin, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: repoEnv() });
process.exit(result.status ?? 1);
