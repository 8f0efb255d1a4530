// One version for every form of @vidukit/openapi: the npm package's version (moved by changesets
// with the rest of the `fixed` group) is written into the Python distribution and the Go module.
// Go has no version in go.mod; its version is the git tag `<module dir>/v<version>`, and
// go/version.go states the version that tag must carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** npm semver -> PEP 440: 1.2.3-beta.4 -> 1.2.3b4 (alpha a, beta b, rc rc). */
export function pythonVersion(npmVersion) {
  const m = /^(\d+\.\d+\.\d+)(?:-(alpha|beta|rc|next|canary)\.?(\d+))?$/.exec(npmVersion);
  if (!m) throw new Error(`cannot map npm version ${npmVersion} to a Python version (want x.y.z or x.y.z-alpha|beta|rc.N)`);
  const [, release, pre, n] = m;
  if (!pre) return release;
  return `${release}${{ alpha: 'a', beta: 'b', rc: 'rc' }[pre] ?? '.dev'}${n}`;
}

/** The files that carry the version, with the content they must have, relative to the package dir. */
export function versionFiles(npmVersion) {
  return {
    'python/vidukit_openapi/_version.py':
      `# Written by packages/openapi/scripts/sync-versions.mjs from the npm package's version.\n__version__ = "${pythonVersion(npmVersion)}"\n`,
    'go/version.go':
      '// Written by packages/openapi/scripts/sync-versions.mjs from the npm package\'s version.\n\n' +
      'package vidu\n\n' +
      '// Version is the version of this module and of the npm package @vidukit/openapi it comes from;\n' +
      `// the module is tagged ${goTagPrefix()}v${npmVersion}.\n` +
      `const Version = "${npmVersion}"\n`,
  };
}

/** The git tag prefix of a Go module in a subdirectory: its path inside the repository. */
export function goTagPrefix() {
  return 'packages/openapi/go/';
}

/** Files whose version differs from the npm package's: [{ file, want, got }]. */
export function versionDrift(pkgDir) {
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  return Object.entries(versionFiles(version)).flatMap(([file, want]) => {
    let got;
    try {
      got = readFileSync(join(pkgDir, file), 'utf8');
    } catch {
      got = '(missing)';
    }
    return got === want ? [] : [{ file, want, got }];
  });
}
