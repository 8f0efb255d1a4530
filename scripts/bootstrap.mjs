#!/usr/bin/env node
// Makes a fresh machine with only Node and npm ready: a pinned pnpm inside the repo (no global
// install, no corepack, which fails signature checks here), then the workspace dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pnpmBin, root, PNPM_VERSION } from './pnpm-path.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });

if (!existsSync(pnpmBin)) {
  console.log(`[bootstrap] installing pnpm ${PNPM_VERSION} into .tools/`);
  run('npm', ['install', '--prefix', '.tools', '--no-audit', '--no-fund', '--loglevel=error', `pnpm@${PNPM_VERSION}`]);
}
// Always run: with an up-to-date node_modules this takes about a second, and a stale one is fixed.
run(process.execPath, [pnpmBin, 'install', '--frozen-lockfile', '--reporter=append-only']);
