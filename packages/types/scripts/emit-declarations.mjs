#!/usr/bin/env node
// Declarations for dist/, emitted by TypeScript itself rather than a declaration bundler: the
// bundler moved 26 field descriptions of the generated types onto the line of the previous
// field, where editors attach them to nothing (issue 19). Writes the ESM declarations
// (*.d.ts) and their CommonJS twins (*.d.cts, relative imports pointing at .cjs).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist');
const program = ts.createProgram([join(root, 'src/index.ts')], {
  declaration: true,
  emitDeclarationOnly: true,
  outDir,
  rootDir: join(root, 'src'),
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  skipLibCheck: true,
  types: [],
});
const result = program.emit();
const problems = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
if (problems.length) {
  console.error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  process.exit(1);
}
let count = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.d.ts')) {
      const cjs = readFileSync(path, 'utf8').replace(/(from\s+['"]\.{1,2}\/[^'"]*)\.js(['"])/g, '$1.cjs$2');
      writeFileSync(path.replace(/\.d\.ts$/, '.d.cts'), cjs);
      count++;
    }
  }
};
walk(outDir);
console.log(`declarations: ${count} files (.d.ts and .d.cts) in dist/`);
