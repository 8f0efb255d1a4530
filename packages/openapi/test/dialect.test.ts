// The spec names its JSON Schema dialect (2020-12). Without `jsonSchemaDialect`, Prism reads an
// OpenAPI 3.1 document's schemas with draft-07 rules and silently ignores 2020-12 keywords that
// every other validator here enforces. Proven on a copy of the real spec with one such keyword.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism } from '@vidukit/test-utils/prism';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { byId, spec } from './spec.js';

it('declares draft 2020-12, and Prism then enforces a 2020-12 keyword', async () => {
  expect(spec.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');

  const copy = structuredClone(spec);
  copy.components.schemas.Q2ProMultiframeRequest!.dependentRequired = { wm_url: ['watermark'] };
  const dir = mkdtempSync(join(tmpdir(), 'vidu-dialect-'));
  const file = join(dir, 'openapi.yaml');
  writeFileSync(file, stringify(copy));
  const prism = await startPrism({ spec: file });
  try {
    const op = byId('submitQ2ProMultiframe');
    const post = (body: object) =>
      fetch(`${prism.url}${op.path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' },
        body: JSON.stringify({ ...(op.requestExamples.minimal as object), ...body }),
      });
    const without = await post({ wm_url: 'https://example.com/wm.png' });
    expect([400, 422]).toContain(without.status);
    expect(without.headers.get('sl-violations')).toContain('watermark');
    await without.text();
    expect((await post({ wm_url: 'https://example.com/wm.png', watermark: true })).status).toBe(200);
  } finally {
    await prism.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
