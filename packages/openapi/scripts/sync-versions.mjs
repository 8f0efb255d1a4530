#!/usr/bin/env node
// Makes the Python distribution and the Go module carry the npm package's version.
//   node scripts/sync-versions.mjs          write python/vidukit_openapi/_version.py, go/version.go
//   node scripts/sync-versions.mjs --check  fail if either differs from package.json (run by the tests)
//   node scripts/sync-versions.mjs --go-tag print the git tag the Go module needs for this version
// Run it after `changeset version` (scripts/release.mjs); tag the release commit with --go-tag.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goTagPrefix, versionDrift, versionFiles } from './lib/versions.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

if (process.argv.includes('--go-tag')) {
  console.log(`${goTagPrefix()}v${version}`);
} else if (process.argv.includes('--check')) {
  const drift = versionDrift(pkgDir);
  if (drift.length) {
    console.error(
      `@vidukit/openapi is ${version}, but ${drift.map((d) => d.file).join(' and ')} say otherwise.\n` +
        'Run `node packages/openapi/scripts/sync-versions.mjs` and commit the result.',
    );
    process.exit(1);
  }
  console.log(`Python and Go versions follow @vidukit/openapi ${version}`);
} else {
  for (const [file, content] of Object.entries(versionFiles(version))) writeFileSync(join(pkgDir, file), content);
  console.log(`wrote version ${version} into python/vidukit_openapi/_version.py and go/version.go`);
}
