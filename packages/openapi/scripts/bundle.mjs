#!/usr/bin/env node
// Publishes spec/openapi.yaml as-is and as JSON, and derives standalone JSON Schema (draft
// 2020-12) documents for every request and response body into dist/schemas/ with an index.
// dist/ is built, never edited by hand (and not committed).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { assertSelfContained, deriveJsonSchemas } from './lib/json-schemas.mjs';

const src = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const yamlText = readFileSync(src, 'utf8');
const spec = parse(yamlText);

mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}openapi.yaml`, yamlText);
writeFileSync(`${dist}openapi.json`, `${JSON.stringify(spec, null, 2)}\n`);

// $id is where the file is served once this version is published (unpkg mirrors npm).
const baseId = `https://unpkg.com/${pkg.name}@${pkg.version}/dist/schemas/`;
const { files } = deriveJsonSchemas(spec, { baseId });
rmSync(`${dist}schemas`, { recursive: true, force: true });
mkdirSync(`${dist}schemas`, { recursive: true });
for (const [name, doc] of files) {
  if (name !== 'index.json') assertSelfContained(doc, name);
  writeFileSync(`${dist}schemas/${name}`, `${JSON.stringify(doc, null, 2)}\n`);
}
console.log(`wrote dist/openapi.yaml, dist/openapi.json and ${files.size} files in dist/schemas/`);
