#!/usr/bin/env node
// `pnpm release`: build everything, then publish the public packages with changesets (which
// skips versions already on the registry). `--dry-run` packs and runs `pnpm publish --dry-run`
// for each package instead, so the path is exercised without publishing anything.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pnpmBin, root } from './pnpm-path.mjs';

const dryRun = process.argv.includes('--dry-run');
const pnpm = (args, cwd = root) => execFileSync(process.execPath, [pnpmBin, ...args], { cwd, stdio: 'inherit' });

pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
const publicPackages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: join(root, 'packages', dir), manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

if (dryRun) {
  for (const { dir, manifest } of publicPackages) {
    console.log(`[release --dry-run] ${manifest.name}@${manifest.version}`);
    pnpm(['publish', '--dry-run', '--no-git-checks', '--access', 'public'], dir);
  }
  console.log(`[release --dry-run] ${publicPackages.length} packages would be published; nothing was.`);
} else {
  pnpm(['exec', 'changeset', 'publish']);
}
