#!/usr/bin/env node
// Generates the committed artefacts derived from spec/openapi.yaml:
//   python/vidukit_openapi/models.py   typed models (quicktype --lang python)
//   python/vidukit_openapi/schemas/    the standalone JSON Schemas, as package data
//   go/models.go                       package vidu (lib/go-models.mjs, gofmt)
//   corpus/                  valid and invalid request bodies covering every constraint
// from the same standalone JSON Schemas that bundle.mjs writes to dist/schemas/.
//
//   node scripts/generate-models.mjs          write them (needs Go's gofmt: an explicit step, never
//                                             part of the build; run by the root `generate`)
//   node scripts/generate-models.mjs --check  fail if the committed ones are stale (drift check)
//   --only=python,corpus | --only=go          limit to some outputs (test/models-drift.test.ts runs
//                                             the Go half only where Go is installed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { deriveCorpus } from './lib/corpus.mjs';
import { renderGoModels } from './lib/go-models.mjs';
import { deriveJsonSchemas } from './lib/json-schemas.mjs';

const check = process.argv.includes('--check');
const ALL = ['python', 'go', 'corpus'];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : ALL;
for (const o of only) if (!ALL.includes(o)) throw new Error(`--only: unknown output ${o} (one of ${ALL.join(', ')})`);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const spec = parse(readFileSync(join(pkgDir, '../../spec/openapi.yaml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const HEADER = 'Generated from spec/openapi.yaml by packages/openapi/scripts/generate-models.mjs. Do not edit.';

// The $id base does not reach the generated code; a fixed one keeps the output independent of
// the package version.
const { files: schemas } = deriveJsonSchemas(spec, { baseId: `https://unpkg.com/${pkg.name}/dist/schemas/` });
const work = mkdtempSync(join(tmpdir(), 'vidukit-openapi-gen-'));
const out = join(work, 'out');
try {
  mkdirSync(join(work, 'schemas'));
  const bodyFiles = [];
  for (const [name, doc] of schemas) {
    writeFileSync(join(work, 'schemas', name), JSON.stringify(doc, null, 2));
    if (name !== 'index.json') bodyFiles.push(join(work, 'schemas', name));
  }
  bodyFiles.sort();

  // ---- Python and Go models ----
  const index = schemas.get('index.json');
  const quicktypeBin = (() => {
    const require = createRequire(import.meta.url);
    const pkgJson = require.resolve('quicktype/package.json');
    const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'));
    return join(dirname(pkgJson), typeof bin === 'string' ? bin : bin.quicktype);
  })();
  const quicktype = (args) => {
    const r = spawnSync(process.execPath, [quicktypeBin, '--src-lang', 'schema', ...args, ...bodyFiles], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`quicktype ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  };
  mkdirSync(join(out, 'python/vidukit_openapi'), { recursive: true });
  mkdirSync(join(out, 'go'), { recursive: true });

  const pyModels = join(out, 'python/vidukit_openapi/models.py');
  if (only.includes('python')) {
    quicktype(['--lang', 'python', '--python-version', '3.7', '-o', pyModels]);
    writeFileSync(pyModels, `# ${HEADER}\n# quicktype ${quicktypeVersion()}, from the JSON Schemas in dist/schemas/.\n\n${readFileSync(pyModels, 'utf8')}`);
    // The package's own files (__init__.py, validate.py, py.typed, pyproject.toml) are written by hand.
    mkdirSync(join(out, 'python/vidukit_openapi/schemas'));
    for (const [name, doc] of schemas) writeFileSync(join(out, 'python/vidukit_openapi/schemas', name), `${JSON.stringify(doc, null, 2)}\n`);
  }

  const goModels = join(out, 'go/models.go');
  if (only.includes('go')) {
    writeFileSync(goModels, renderGoModels(spec, index.operations, HEADER));
    const gofmt = ['gofmt', '/usr/lib/go/bin/gofmt'].find((bin) => spawnSync(bin, ['-l', goModels]).status === 0);
    if (!gofmt) throw new Error('gofmt not found: install Debian golang-go (npm test installs it when it can), or pass --only=python,corpus');
    const fmt = spawnSync(gofmt, ['-w', goModels], { encoding: 'utf8' });
    if (fmt.status !== 0) throw new Error(`gofmt failed: ${fmt.stderr}`);
  }

  // ---- corpus ----
  const requests = index.operations
    .filter((op) => op.request)
    .map((op) => {
      const media = spec.paths[op.path][op.method.toLowerCase()].requestBody.content['application/json'];
      return {
        operationId: op.operationId,
        schemaFile: op.request.schema,
        doc: schemas.get(op.request.schema),
        examples: Object.fromEntries(Object.entries(media.examples ?? {}).map(([k, v]) => [k, v.value])),
      };
    });
  for (const { file, entry } of only.includes('corpus') ? deriveCorpus(requests) : []) {
    const target = join(out, 'corpus', file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify({ $comment: HEADER, ...entry }, null, 2)}\n`);
  }

  // ---- write or compare ----
  const targets = [
    ...(only.includes('python') ? ['python/vidukit_openapi/models.py', 'python/vidukit_openapi/schemas'] : []),
    ...(only.includes('go') ? ['go/models.go'] : []),
    ...(only.includes('corpus') ? ['corpus'] : []),
  ];
  const list = (root, rel) => {
    const full = join(root, rel);
    if (!existsSync(full)) return [];
    if (!readdirSync(full, { withFileTypes: true, recursive: false }).length && !full.endsWith('/')) return [];
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.endsWith('.pyc'))
      .map((d) => relative(root, join(d.parentPath ?? d.path, d.name)));
  };
  const listTarget = (root, rel) => (/\.(go|py)$/.test(rel) ? (existsSync(join(root, rel)) ? [rel] : []) : list(root, rel));
  const expected = targets.flatMap((t) => listTarget(out, t)).sort();

  if (check) {
    const actual = targets.flatMap((t) => listTarget(pkgDir, t)).sort();
    const stale = [
      ...expected.filter((f) => !actual.includes(f)).map((f) => `missing  ${f}`),
      ...actual.filter((f) => !expected.includes(f)).map((f) => `extra    ${f}`),
      ...expected
        .filter((f) => actual.includes(f) && readFileSync(join(out, f), 'utf8') !== readFileSync(join(pkgDir, f), 'utf8'))
        .map((f) => `changed  ${f}`),
    ];
    if (stale.length > 0) {
      console.error(
        `Generated files in packages/openapi are stale (${stale.length}):\n  ${stale.slice(0, 30).join('\n  ')}` +
          `${stale.length > 30 ? `\n  ... and ${stale.length - 30} more` : ''}\n` +
          'Run `node scripts/pnpm.mjs run generate` at the repository root and commit the result.',
      );
      process.exit(1);
    }
    console.log(`generated files are up to date (${expected.length} files)`);
  } else {
    if (only.includes('python')) rmSync(join(pkgDir, 'python/vidukit_openapi/schemas'), { recursive: true, force: true });
    if (only.includes('corpus')) rmSync(join(pkgDir, 'corpus'), { recursive: true, force: true });
    for (const f of expected) {
      mkdirSync(dirname(join(pkgDir, f)), { recursive: true });
      writeFileSync(join(pkgDir, f), readFileSync(join(out, f)));
    }
    console.log(`wrote ${expected.length} generated files (${targets.join(', ')})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function quicktypeVersion() {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('quicktype/package.json'), 'utf8')).version;
}
