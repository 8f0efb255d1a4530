#!/usr/bin/env node
// Publishes spec/openapi.yaml as-is and as JSON: dist/ is built, never edited by hand.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const src = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const yamlText = readFileSync(src, 'utf8');
mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}openapi.yaml`, yamlText);
writeFileSync(`${dist}openapi.json`, `${JSON.stringify(parse(yamlText), null, 2)}\n`);
console.log('wrote dist/openapi.yaml and dist/openapi.json');
