// The Python distribution and the Go module carry the npm package's version: the committed files
// agree with package.json, and the check does catch a drifted copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goTagPrefix, pythonVersion, versionDrift } from '../scripts/lib/versions.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

describe('one version for npm, Python and Go', () => {
  it('the committed Python and Go versions are the npm version', () => {
    expect(versionDrift(pkgDir)).toEqual([]);
    expect(readFileSync(join(pkgDir, 'python/vidukit_openapi/_version.py'), 'utf8')).toContain(`__version__ = "${pythonVersion(pkg.version)}"`);
    expect(readFileSync(join(pkgDir, 'go/version.go'), 'utf8')).toContain(`const Version = "${pkg.version}"`);
  });

  it('sync-versions --check fails on a drifted copy, and the write mode repairs it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'vidukit-versions-'));
    try {
      for (const part of ['package.json', 'scripts', 'python/vidukit_openapi/_version.py', 'go/version.go']) {
        cpSync(join(pkgDir, part), join(copy, part), { recursive: true });
      }
      // What `changeset version` does: bump package.json only.
      writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: '9.8.7-beta.2' }));
      const script = join(copy, 'scripts/sync-versions.mjs');
      const check = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('python/vidukit_openapi/_version.py and go/version.go');
      execFileSync(process.execPath, [script]);
      expect(spawnSync(process.execPath, [script, '--check']).status).toBe(0);
      expect(readFileSync(join(copy, 'python/vidukit_openapi/_version.py'), 'utf8')).toContain('"9.8.7b2"');
      expect(execFileSync(process.execPath, [script, '--go-tag'], { encoding: 'utf8' }).trim()).toBe('packages/openapi/go/v9.8.7-beta.2');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('the Go tag prefix is the module directory, which ends the module path', () => {
    const modulePath = /^module (\S+)$/m.exec(readFileSync(join(pkgDir, 'go/go.mod'), 'utf8'))![1];
    expect(`${modulePath}/`.endsWith(`/${goTagPrefix()}`)).toBe(true);
  });

  it('maps npm prereleases to PEP 440', () => {
    expect([pythonVersion('1.2.3'), pythonVersion('1.2.3-alpha.0'), pythonVersion('1.2.3-rc.4')]).toEqual(['1.2.3', '1.2.3a0', '1.2.3rc4']);
    expect(() => pythonVersion('1.2.3-weird')).toThrow(/cannot map/);
  });
});
