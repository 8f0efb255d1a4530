// The API reference as a newcomer gets it: every `node scripts/pnpm.mjs <name>` the READMEs show
// runs the root script of that name (pnpm's own commands win over scripts: `pnpm docs` opened a
// browser instead of building the docs), and TypeDoc over the published packages reports no
// warning and shows an example on every public function and class.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './pack.js';

const exec = promisify(execFile);
const pnpm = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'vidukit-api-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readmes = [
  'README.md',
  'examples/README.md',
  ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/README.md`),
].filter((f) => {
  try {
    readFileSync(join(root, f));
    return true;
  } catch {
    return false;
  }
});

describe('README commands', () => {
  it('every `node scripts/pnpm.mjs <name>` is a root script that no pnpm command shadows, or a pnpm command', async () => {
    const { stdout } = await exec(process.execPath, [pnpm, 'help', '--all'], { cwd: root, encoding: 'utf8' });
    // "  docs            Opens the documentation ... [alias: home]" -> docs, home
    const builtins = new Set<string>();
    for (const [, name, aliases] of stdout.matchAll(/^ {2}([a-z][a-z-]*) {2,}.*?(?:\[alias(?:es)?: ([^\]]+)\])?$/gm)) {
      builtins.add(name!);
      for (const alias of aliases?.split(', ') ?? []) builtins.add(alias);
    }
    expect(builtins.has('docs')).toBe(true); // the parse works: the command that shadowed our script
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    const problems: string[] = [];
    let checked = 0;
    for (const file of readmes) {
      for (const [, name] of readFileSync(join(root, file), 'utf8').matchAll(/node scripts\/pnpm\.mjs ([a-z][\w:-]*)/g)) {
        checked += 1;
        if (scripts.includes(name!) && builtins.has(name!)) problems.push(`${file}: \`${name}\` is a root script, but pnpm runs its own \`${name}\` command`);
        if (!scripts.includes(name!) && !builtins.has(name!)) problems.push(`${file}: \`${name}\` is neither a root script nor a pnpm command`);
      }
    }
    expect(checked).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    expect(scripts).toContain('api-docs');
  });
});

interface Reflection {
  name: string;
  kind: number;
  flags?: { isExternal?: boolean };
  comment?: { summary?: { text: string }[]; blockTags?: { tag: string; content?: { kind: string; text: string }[] }[] };
  signatures?: Reflection[];
  children?: Reflection[];
}
const FUNCTION = 64;
// TypeDoc colours its log even into a pipe.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const CLASS = 128;

describe('TypeDoc API reference', () => {
  it('builds with 0 warnings, and every public function and class shows an @example', async () => {
    const json = join(scratch, 'api.json');
    const run = await exec(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--out', join(scratch, 'html'), '--json', json], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const output = `${run.stdout}${run.stderr}`.replace(ANSI, '');
    const warnings = output.split('\n').filter((l) => l.includes('[warning]') && !/Found \d+ errors/.test(l));
    expect.soft(warnings).toEqual([]);

    const missing: string[] = [];
    let checked = 0;
    const visit = (node: Reflection, path: string) => {
      const here = path ? `${path}.${node.name}` : node.name;
      const hasExample = (c?: Reflection['comment']) => c?.blockTags?.some((t) => t.tag === '@example') ?? false;
      if (node.kind === FUNCTION) {
        checked += 1;
        if (!(node.signatures ?? []).some((s) => hasExample(s.comment))) missing.push(`function ${here}`);
      } else if (node.kind === CLASS) {
        checked += 1;
        if (!hasExample(node.comment)) missing.push(`class ${here}`);
      }
      // Members of classes are methods (kind 2048), not functions: only module-level functions count.
      if (node.kind !== CLASS) for (const child of node.children ?? []) visit(child, here);
    };
    visit(JSON.parse(readFileSync(json, 'utf8')) as Reflection, '');
    console.log(`TypeDoc: ${checked} public functions and classes, ${checked - missing.length} with an @example`);
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('each package and entry point has its blurb, and no function or class wears one', () => {
    const text = (c?: Reflection['comment']) => (c?.summary ?? []).map((p) => p.text).join('');
    const project = JSON.parse(readFileSync(join(scratch, 'api.json'), 'utf8')) as Reflection;
    const modules: string[] = [];
    const misplaced: string[] = [];
    for (const pkg of project.children ?? []) {
      // A package with several entry points has one module per entry (kind 2), else it is the module.
      const entries = (pkg.children ?? []).some((c) => c.kind === 2) ? (pkg.children ?? []).filter((c) => c.kind === 2) : [pkg];
      for (const entry of entries) {
        if (!text(entry.comment).trim()) modules.push(`${pkg.name} ${entry === pkg ? '' : entry.name}`.trim());
        for (const child of entry.children ?? []) {
          const comment = child.kind === FUNCTION ? child.signatures?.[0]?.comment : child.comment;
          if (/^@vidukit\/[a-z-]+: /.test(text(comment))) misplaced.push(`${pkg.name} ${entry.name}.${child.name}`);
        }
      }
    }
    expect(modules, 'entry points without a blurb').toEqual([]);
    expect(misplaced, 'package blurbs attached to an export').toEqual([]);
  });

  it('every @example compiles, as its own module, against the published types (strict)', async () => {
    // The examples of functions and classes (generated property docs carry value examples too).
    const examples: string[] = [];
    const fromComment = (comment?: Reflection['comment']) => {
      for (const tag of comment?.blockTags ?? []) {
        if (tag.tag !== '@example') continue;
        for (const part of tag.content ?? []) {
          const code = /^```(?:ts|typescript)\n([\s\S]*?)```$/.exec(part.text.trim())?.[1];
          if (part.kind === 'code' && code) examples.push(code);
        }
      }
    };
    const collect = (node: Reflection): void => {
      if (node.kind === FUNCTION) for (const signature of node.signatures ?? []) fromComment(signature.comment);
      else if (node.kind === CLASS) fromComment(node.comment);
      else for (const child of node.children ?? []) collect(child);
    };
    collect(JSON.parse(readFileSync(join(scratch, 'api.json'), 'utf8')) as Reflection);
    expect(examples.length).toBeGreaterThan(20);
    const dir = join(scratch, 'examples');
    mkdirSync(dir);
    // The packages as a consumer sees them: this package's node_modules has all of them.
    symlinkSync(join(root, 'packages/consumers/node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], noEmit: true, skipLibCheck: true },
        include: ['*.ts'],
      }),
    );
    for (const [i, code] of examples.entries()) writeFileSync(join(dir, `example-${i}.ts`), `${code}\nexport {};\n`);
    const tsc = join(root, 'packages/consumers/node_modules/typescript/bin/tsc');
    const result = await exec(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' }).catch((e: { stdout: string }) => e);
    console.log(`@example blocks compiled: ${examples.length}`);
    expect(result.stdout).toBe('');
  });
});
