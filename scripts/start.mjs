#!/usr/bin/env node
// The README's `npm start`: set-up, a quiet build, then the main job (scripts/main-job.mjs).
// Needs only Node.js and npm: building never runs Go, Python or a browser.
import { spawnSync } from 'node:child_process';
import { bootstrap } from './bootstrap.mjs';
import { repoEnv } from './repo-env.mjs';
import { pnpmBin, root } from './pnpm-path.mjs';

try {
  bootstrap();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const env = repoEnv();
const turbo = spawnSync(process.execPath, [pnpmBin, 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--log-prefix=none'], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
if (turbo.status !== 0) {
  process.stderr.write(`${turbo.stdout}${turbo.stderr}`);
  console.error('[start] the build failed (output above)');
  process.exit(turbo.status ?? 1);
}
const summary = /Tasks:\s+(.*)/.exec(turbo.stdout)?.[1]?.trim();
console.log(`[start] packages built${summary ? ` (${summary.replace(/\s+/g, ' ')})` : ''}`);
const job = spawnSync(process.execPath, ['scripts/main-job.mjs', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(job.status ?? 1);
