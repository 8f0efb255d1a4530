#!/usr/bin/env node
// The README's `npm test`: set-up, then every suite. Checks the system tools the suites need
// (packages/test-utils/src/system-tools.js), installs missing ones from Debian when it can, and
// otherwise runs everything else and ends with a summary of what was skipped and why. Under
// CI=true nothing is skipped: a missing tool fails the run before any suite starts.
import { spawnSync } from 'node:child_process';
import { SYSTEM_TOOLS, isCI, missingTools } from '../packages/test-utils/src/system-tools.js';
import { bootstrap } from './bootstrap.mjs';
import { repoEnv } from './repo-env.mjs';
import { pnpmBin, root } from './pnpm-path.mjs';

const ci = isCI();
const started = Date.now();
const byName = new Map(SYSTEM_TOOLS.map((t) => [t.name, t]));
const debianOf = (names) => [...new Set(names.flatMap((n) => byName.get(n).debian))];
const installCommand = (names) => `sudo apt-get install -y --no-install-recommends ${debianOf(names).join(' ')}`;

let missing = missingTools();
if (missing.length > 0) missing = tryInstall(missing);

if (missing.length > 0 && ci) {
  console.error(`\n[test] CI=true and these system tools are missing, so nothing runs (CI never skips):`);
  for (const name of missing) console.error(`  - ${byName.get(name).what}: Debian ${byName.get(name).debian.join(', ')}`);
  console.error(`[test] install them with: ${installCommand(missing)}  (needs root or sudo)`);
  process.exit(1);
}

bootstrap();
const env = { ...repoEnv(), VIDU_MISSING_TOOLS: missing.join(',') };
const run = spawnSync(process.execPath, [pnpmBin, 'run', 'test:all'], { cwd: root, stdio: 'inherit', env });
const status = run.status ?? 1;

if (missing.length > 0) {
  const bar = '='.repeat(78);
  console.log(`\n${bar}\n[test] SKIPPED SUITES: ${missing.length} system tool(s) missing and not installable here`);
  for (const name of missing) {
    const tool = byName.get(name);
    console.log(`  ${tool.what} not found; skipped:`);
    for (const suite of tool.suites) console.log(`    - ${suite}`);
  }
  console.log(`[test] to run them: ${installCommand(missing)}  (needs root or sudo), then npm test\n${bar}`);
}
console.log(`[test] ${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(status);

/** Installs what is missing from Debian when this user may (root or passwordless sudo). */
function tryInstall(names) {
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const canSudo = asRoot || spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canSudo || !hasApt) {
    const why = !hasApt ? 'apt-get is not available' : 'installing needs root or passwordless sudo';
    console.log(`[test] missing: ${names.join(', ')}; not installing (${why})`);
    return names;
  }
  const packages = debianOf(names);
  console.log(`[test] installing ${packages.join(' ')} from Debian (needed by the ${names.join(', ')} suites)`);
  const apt = (args) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    const r = spawnSync(cmd, rest, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) console.log(`[test] apt-get ${args[0]} failed:\n${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-5).join('\n')}`);
    return r.status === 0;
  };
  if (apt(['update', '-qq'])) apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  return missingTools();
}
