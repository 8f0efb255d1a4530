// Packs the published packages exactly as `pnpm publish` would (workspace:* rewritten to
// versions) and installs tarballs with npm into throwaway directories.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const PUBLISHED = ['openapi', 'types', 'client', 'polling', 'simulator', 'queue', 'cli'];
const pnpm = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');

export function packAll(into: string, names: readonly string[] = PUBLISHED): string[] {
  for (const name of names) {
    execFileSync(process.execPath, [pnpm, 'pack', '--pack-destination', into], { cwd: join(root, 'packages', name), stdio: 'pipe' });
  }
  return readdirSync(into).filter((f) => f.endsWith('.tgz')).map((f) => join(into, f));
}

/** `@vidukit/<name>` of a tarball path. */
export const packageOf = (tarball: string) => tarball.replace(/^.*vidukit-(.*)-\d+\.\d+\.\d+.*\.tgz$/, '@vidukit/$1');

/**
 * Packs `names`, installs exactly those tarballs (plus `extra` registry dependencies) with npm
 * into a fresh directory, and copies the fixtures there. npm fetches from the registry whatever
 * else the tarballs depend on, so an unpublished @vidukit dependency missing from `names` fails.
 */
export function installTarballs(names: readonly string[], extra: Record<string, string> = {}): { dir: string; tarballs: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vidukit-consumers-'));
  const tarballs = packAll(dir, names);
  const dependencies = Object.fromEntries(tarballs.map((t) => [packageOf(t), `file:${t}`]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vidukit-consumers', private: true, dependencies: { ...dependencies, ...extra } }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
  cpSync(fileURLToPath(new URL('../fixtures/', import.meta.url)), dir, { recursive: true });
  return { dir, tarballs };
}

export function installConsumers(): { dir: string; tarballs: string[] } {
  return installTarballs(PUBLISHED, { typescript: '~5.9.3', '@types/node': '^20.19.0' });
}
