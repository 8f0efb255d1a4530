// The published declarations (dist/, built before tests) as an editor sees them (issue 19 item 9):
// every field description of the source lands on its field in both the ESM and the CJS
// declarations, and type errors name the request types instead of printing them inline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** `Outer.inner.field` -> its JSDoc text, for every property signature of the program's files under `dir`. */
function fieldDocs(entry: string, dir: string): Map<string, string> {
  const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const out = new Map<string, string>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(dir)) continue;
    const visit = (node: ts.Node, path: string[]) => {
      let next = path;
      if ((ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) {
        next = [...path, node.name.getText(file)];
        if (ts.isPropertySignature(node)) {
          const symbol = checker.getSymbolAtLocation(node.name);
          // What a hover shows: the comment and its tags (openapi-typescript writes @description).
          const doc = symbol
            ? [ts.displayPartsToString(symbol.getDocumentationComment(checker)), ...symbol.getJsDocTags(checker).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`)]
                .join('\n')
                .replace(/\s+/g, ' ')
                .trim()
            : '';
          out.set(next.join('.'), doc);
        }
      }
      ts.forEachChild(node, (child) => visit(child, next));
    };
    visit(file, []);
  }
  return out;
}

describe('field descriptions in the published declarations', () => {
  const source = fieldDocs(here('../src/generated/openapi.ts'), here('../src/'));
  const documented = [...source].filter(([, doc]) => doc);
  it('the source has documented fields to compare', () => expect(documented.length).toBeGreaterThan(50));
  for (const entry of ['index.d.ts', 'index.d.cts']) {
    it(`${entry}: every documented field carries its own description`, () => {
      const published = fieldDocs(here(`../dist/${entry}`), here('../dist/'));
      const wrong = documented.filter(([path, doc]) => published.get(path) !== doc).map(([path]) => `${path}: ${JSON.stringify(published.get(path)?.slice(0, 60))}`);
      expect(wrong).toEqual([]);
    });
  }
});

describe('type errors name the request types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vidukit-types-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('a wrong field type is reported against Q1ReferenceRequest, not an inline object type', () => {
    const file = join(dir, 'use.ts');
    writeFileSync(file, `import type { Q1ReferenceRequest, SubmitRequestBody } from ${JSON.stringify(here('../dist/index.js'))};\nexport const a: Q1ReferenceRequest = { images: ['u'], prompt: 1 };\nexport const b: SubmitRequestBody<'submitQ1Reference'> = { image: ['u'], prompt: 'p' };\n`);
    const program = ts.createProgram([file], { noEmit: true, strict: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    // The message and its related information ("... declared here on type X"), as editors show them.
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => [d.messageText, ...(d.relatedInformation ?? []).map((r) => r.messageText)].map((m) => ts.flattenDiagnosticMessageText(m, '\n')).join('\n'));
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toMatch(/Q1ReferenceRequest/);
    expect(messages[1]).toMatch(/'Q1ReferenceRequest'/);
    for (const m of messages) expect(m).not.toMatch(/\{ images: /);
  });
});
