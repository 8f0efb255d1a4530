// The TypeScript third of the cross-language verdict (packages/openapi/test/cross-language.test.ts
// has Python and Prism): every body of @vidukit/openapi's shared corpus gets the corpus label's
// verdict from validateRequest, through the public entries of both packages.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../src/index.js';

const corpusDir = join(dirname(createRequire(import.meta.url).resolve('@vidukit/openapi/package.json')), 'corpus');
const corpus = readdirSync(corpusDir, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.json'))
  .map((d) => join(d.parentPath, d.name))
  .sort()
  .map((file) => ({ file, entry: JSON.parse(readFileSync(file, 'utf8')) as { operationId: string; valid: boolean; description: string; body: unknown } }));

describe('the shared corpus, judged by the client', () => {
  it('agrees with the label of every body (valid and invalid, every operation)', () => {
    expect(corpus.length).toBeGreaterThan(100);
    const wrong = corpus.filter(({ entry }) => (validateRequest(entry.operationId, entry.body).length === 0) !== entry.valid);
    console.log(`client validators: ${corpus.length - wrong.length}/${corpus.length} corpus bodies agree with their label`);
    expect(wrong.map(({ file, entry }) => `${file}: labelled ${entry.valid ? 'valid' : 'invalid'} (${entry.description})`)).toEqual([]);
  });
});
