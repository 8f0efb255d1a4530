import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installConsumers, PUBLISHED } from './pack.js';

let dir = '';
let tarballs: string[] = [];

beforeAll(() => {
  ({ dir, tarballs } = installConsumers());
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (file: string, kind: string) =>
  JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, env: { ...process.env, CONSUMER_KIND: kind }, encoding: 'utf8' }).trim().split('\n').at(-1)!);
const tsc = (project: string) =>
  execFileSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: dir, encoding: 'utf8' });

describe('packed tarballs in throwaway projects', () => {
  it('packs every published package', () => {
    expect(tarballs).toHaveLength(PUBLISHED.length);
  });

  it('plain ESM JavaScript submits and waits against the simulator', () => {
    const out = node('esm/main.mjs', 'esm');
    expect(out).toMatchObject({ kind: 'esm', status: 'TASK_STATUS_SUCCEED', ops: 5 });
    expect(out.video).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('CommonJS require submits and waits against the simulator', () => {
    expect(node('cjs/main.cjs', 'cjs')).toMatchObject({ kind: 'cjs', status: 'TASK_STATUS_SUCCEED', rejected: true });
  });

  it.each(['ts-node16', 'ts-bundler'])('TypeScript (%s) compiles against the published types and runs', (kind) => {
    tsc(`${kind}/tsconfig.json`);
    expect(node(`${kind}/dist/main.js`, kind)).toMatchObject({ kind, status: 'TASK_STATUS_SUCCEED' });
  });

  it('the CLI runs from the installed tarball', () => {
    const out = execFileSync(process.execPath, [join(dir, 'node_modules', '@vidukit', 'cli', 'dist', 'bin.js'), 'models', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).models.map((m: { name: string }) => m.name).sort()).toEqual(['q1-reference', 'q2-pro-fast', 'q2-pro-multiframe', 'q2-reference']);
  });
});
