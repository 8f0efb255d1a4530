// Published-package checks on what users install: publint and are-the-types-wrong on the packed
// tarballs, changesets producing changelogs, and the release path in dry-run mode.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, PUBLISHED, root } from './pack.js';

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
// publint and changesets shell out to `pnpm`: the repo-local one that bootstrap installed.
const env = { ...process.env, PATH: `${join(root, '.tools', 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };
let packDir = '';
let tarballs: string[] = [];

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'vidukit-packs-'));
  tarballs = packAll(packDir);
});
afterAll(() => rmSync(packDir, { recursive: true, force: true }));

describe('published packages', () => {
  it.each(PUBLISHED)('@vidukit/%s passes publint', (name) => {
    const out = execFileSync(bin('publint'), ['--strict'], { cwd: join(root, 'packages', name), encoding: 'utf8', env });
    expect(out).not.toMatch(/warning|error|suggestion/i);
  });

  it.each(PUBLISHED.filter((n) => n !== 'openapi'))('@vidukit/%s tarball passes are-the-types-wrong', (name) => {
    const tarball = tarballs.find((t) => t.includes(`vidukit-${name}-`))!;
    // node16 profile: Node >= 20 and bundlers; node10 resolution predates `exports` subpaths.
    const result = spawnSync(bin('attw'), [tarball, '--format', 'json', '--profile', 'node16'], { encoding: 'utf8' });
    const report = JSON.parse(result.stdout);
    const problems = (report.analysis.problems ?? []).filter((p: { resolutionKind?: string }) => p.resolutionKind !== 'node10');
    expect(problems, JSON.stringify(problems)).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('@vidukit/openapi ships data, not code: the YAML, the JSON and the JSON Schemas', () => {
    const tarball = tarballs.find((t) => t.includes('vidukit-openapi-'))!;
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    expect(files).toContain('package/dist/openapi.yaml');
    expect(files).toContain('package/dist/openapi.json');
    expect(files).toContain('package/dist/schemas/index.json');
  });

  it('tarballs hold only what users need (no tests, sources maps or configs)', () => {
    for (const tarball of tarballs) {
      const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
      expect(files.filter((f) => /\/(test|bench)\/|vitest\.config|tsconfig\.json|\.map$/.test(f)), tarball).toEqual([]);
    }
  });
});

describe('changesets', () => {
  it('versions every package together and writes changelogs for a sample change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidukit-changesets-'));
    try {
      for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(dir, file));
      mkdirSync(join(dir, '.changeset'));
      cpSync(join(root, '.changeset', 'config.json'), join(dir, '.changeset', 'config.json'));
      for (const name of readdirSync(join(root, 'packages'))) {
        mkdirSync(join(dir, 'packages', name), { recursive: true });
        cpSync(join(root, 'packages', name, 'package.json'), join(dir, 'packages', name, 'package.json'));
      }
      writeFileSync(join(dir, '.changeset', 'sample-change.md'), '---\n"@vidukit/client": patch\n---\n\nSample: retries honour Retry-After dates.\n');
      execFileSync(bin('changeset'), ['version'], { cwd: dir, stdio: 'pipe', env });
      const versions = PUBLISHED.map((n) => JSON.parse(readFileSync(join(dir, 'packages', n, 'package.json'), 'utf8')).version);
      const before = JSON.parse(readFileSync(join(root, 'packages', 'client', 'package.json'), 'utf8')).version as string;
      expect(new Set(versions).size).toBe(1);
      expect(versions[0]).not.toBe(before);
      expect(readFileSync(join(dir, 'packages', 'client', 'CHANGELOG.md'), 'utf8')).toContain('Sample: retries honour Retry-After dates.');
      expect(readFileSync(join(dir, 'packages', 'polling', 'CHANGELOG.md'), 'utf8')).toContain(`## ${versions[0]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`changeset status` is clean', () => {
    const result = spawnSync(bin('changeset'), ['status'], { cwd: root, encoding: 'utf8', env });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('`pnpm release --dry-run` would publish every public package and publishes none', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'release.mjs'), '--dry-run'], { cwd: root, encoding: 'utf8', stdio: 'pipe', env });
    for (const name of PUBLISHED) expect(out).toContain(`[release --dry-run] @vidukit/${name}@`);
    expect(out).toContain('nothing was');
  });
});
