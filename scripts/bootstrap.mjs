#!/usr/bin/env node
// Makes a fresh machine with only Node and npm ready: a pinned pnpm inside the repo (no global
// install, no corepack, which fails signature checks here), then the workspace dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pnpmBin, root, PNPM_VERSION } from './pnpm-path.mjs';

// Development tools (vitest, prism, babel 8 under tsdown, stream-json) declare Node >= 22 but are
// tested to work on 20 (README, "Supported runtimes"); their engine warnings are noise to a user
// of `npm start`, so they are counted, not printed.
const ENGINE_WARNING = /Unsupported engine for /;

export function bootstrap() {
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  if (!existsSync(pnpmBin)) {
    console.log(`[bootstrap] installing pnpm ${PNPM_VERSION} into .tools/`);
    execFileSync('npm', ['install', '--prefix', '.tools', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error', `pnpm@${PNPM_VERSION}`], { cwd: root, stdio: 'inherit', env });
  }
  // Always run: with an up-to-date node_modules this takes about a second, and a stale one is fixed.
  const r = spawnSync(process.execPath, [pnpmBin, 'install', '--frozen-lockfile', '--reporter=append-only'], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n');
  const engine = lines.filter((l) => ENGINE_WARNING.test(l)).length;
  if (r.status !== 0) {
    process.stderr.write(lines.join('\n'));
    throw new Error(`[bootstrap] pnpm install failed (exit ${r.status ?? r.signal})`);
  }
  const done = lines.find((l) => /^Done in /.test(l)) ?? 'done';
  console.log(`[bootstrap] dependencies installed (${done.replace(/^Done /, '').trim()}${engine ? `; ${engine} dev tools declare Node >= 22 and are tested on 20` : ''})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    bootstrap();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
