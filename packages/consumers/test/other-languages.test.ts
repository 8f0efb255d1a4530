// @vidukit/openapi used from Python and Go the way those ecosystems expect, from the packed npm
// tarball (what users get): the Python distribution built offline as a wheel and an sdist and
// installed into fresh virtual environments, the Go module required by a separate module, both
// checked against the whole corpus and a simulator answer; then every command and program of the
// package README, run as written.
import { execFile, type ExecFileOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { hasTool } from '@vidukit/test-utils/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarballs, root } from './pack.js';

// Debian's python3 (with jsonschema, setuptools, wheel, build) must win over any other on PATH.
const PATH = ['/usr/bin', '/usr/lib/go/bin', process.env.PATH].join(delimiter);
const GO_ENV = { GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', GOCACHE: join(tmpdir(), 'vidukit-go-build-cache') };
const openapiVersion = JSON.parse(readFileSync(join(root, 'packages/openapi/package.json'), 'utf8')).version as string;

const HAS_PYTHON = hasTool('python-build') && hasTool('python-jsonschema');
const HAS_GO = hasTool('go');
let dir = '';
let tarball = '';
let sim: SimulatorHandle;
// Asynchronous: the simulator runs in this process and must keep answering while a child waits.
const exec = promisify(execFile);
const run = async (cmd: string, args: string[], opts: ExecFileOptions = {}) =>
  String((await exec(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, ...opts, env: { ...process.env, ...GO_ENV, PATH, VIDU_BASE_URL: sim.url, ...opts.env } })).stdout);

beforeAll(async () => {
  const installedOpenapi = installTarballs(['openapi']);
  dir = installedOpenapi.dir;
  tarball = installedOpenapi.tarballs[0]!;
  sim = await startSimulator({ queuedMs: 50, processingMs: 100, seed: 7 });
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const installed = () => join(dir, 'node_modules/@vidukit/openapi');

describe.skipIf(!HAS_PYTHON)('Python: the vidukit-openapi distribution', () => {
  let dist = '';
  beforeAll(async () => {
    // Build from a copy: setuptools writes build/ and *.egg-info next to the sources. The PEP 517
    // hooks of setuptools called directly: what `python3 -m build --no-isolation` does, without
    // needing the `build` package.
    const src = join(dir, 'py-src');
    cpSync(join(installed(), 'python'), src, { recursive: true });
    dist = join(dir, 'py-dist');
    for (const hook of ['build_sdist', 'build_wheel']) {
      await run('python3', ['-c', `from setuptools import build_meta; build_meta.${hook}(${JSON.stringify(dist)})`], { cwd: src });
    }
  });

  it('builds offline into one wheel and one sdist named for the npm version', async () => {
    const files = readdirSync(dist).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe(`vidukit-openapi-${openapiVersion}.tar.gz`);
    expect(files[1]).toBe(`vidukit_openapi-${openapiVersion}-py3-none-any.whl`);
    const wheel = await run('python3', ['-m', 'zipfile', '-l', join(dist, `vidukit_openapi-${openapiVersion}-py3-none-any.whl`)]);
    for (const file of ['vidukit_openapi/py.typed', 'vidukit_openapi/validate.py', 'vidukit_openapi/models.py', 'vidukit_openapi/schemas/index.json', 'vidukit_openapi/schemas/TaskResult.json']) {
      expect(wheel).toContain(file);
    }
  });

  it.each(['whl', 'tar.gz'])('installed from the %s with --no-index into a fresh venv: validates the corpus and parses a simulator answer', async (kind) => {
    const venv = join(dir, `venv-${kind}`);
    await run('python3', ['-m', 'venv', '--system-site-packages', venv]);
    const file = readdirSync(dist).find((f) => f.endsWith(kind))!;
    await run(join(venv, 'bin/python'), ['-m', 'pip', 'install', '--no-index', '--no-build-isolation', '--disable-pip-version-check', '-q', join(dist, file)]);
    const out = await run(join(venv, 'bin/python'), [join(dir, 'python/check_package.py'), join(installed(), 'corpus'), sim.url, openapiVersion], { cwd: venv });
    const figures = JSON.parse(out.trim().split('\n').at(-1)!);
    console.log(`python (${kind}): ${JSON.stringify(figures)}`);
    expect(figures.status).toBe('TASK_STATUS_SUCCEED');
    expect(figures.video).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(figures.valid).toBeGreaterThan(0);
    // Every invalid body is refused, and the problem names the constraint's keyword and path.
    expect(figures.at_path).toBe(figures.invalid);
  });
});

describe.skipIf(!HAS_GO)('Go: the vidu module, required by a separate module', () => {
  it('go vet is clean on the module as shipped', async () => {
    await run('go', ['vet', '.'], { cwd: join(installed(), 'go') });
  });

  it('round-trips every valid corpus body, decodes every invalid one or refuses it, and unmarshals a simulator answer', async () => {
    const modulePath = /^module (\S+)$/m.exec(readFileSync(join(installed(), 'go/go.mod'), 'utf8'))![1];
    const consumer = join(dir, 'go-consumer');
    writeFileSync(
      join(consumer, 'go.mod'),
      `module example.com/vidukit-go-consumer\n\ngo 1.19\n\nrequire ${modulePath} v0.0.0\n\nreplace ${modulePath} => ${join(installed(), 'go')}\n`,
    );
    await run('go', ['vet', './...'], { cwd: consumer });
    const out = await run('go', ['run', '.', join(installed(), 'corpus'), sim.url], { cwd: consumer });
    const figures = JSON.parse(out.trim());
    console.log(`go: ${JSON.stringify(figures)}`);
    const corpus = readdirSync(join(installed(), 'corpus'), { recursive: true }).filter((f) => String(f).endsWith('.json')).length;
    const { validRoundTripped, invalidRefusedByDecoder, invalidEncoded } = figures.counts;
    expect(validRoundTripped + invalidRefusedByDecoder + invalidEncoded).toBe(corpus);
    expect(validRoundTripped).toBeGreaterThan(0);
    expect(figures).toMatchObject({ status: 'TASK_STATUS_SUCCEED', version: openapiVersion });
    expect(figures.ttl).toBeGreaterThan(0);
  });
});

describe.skipIf(!HAS_PYTHON || !HAS_GO)('the @vidukit/openapi README', () => {
  const readmeDirs: string[] = [];
  afterAll(() => {
    for (const d of readmeDirs) rmSync(d, { recursive: true, force: true });
  });
  const readme = readFileSync(join(root, 'packages/openapi/README.md'), 'utf8');
  const steps = [...readme.matchAll(/<!-- test: (run|write (\S+)) -->\n```(\w+)\n([\s\S]*?)```\n/g)].map((m) => ({
    action: m[1] === 'run' ? ('run' as const) : ('write' as const),
    file: m[2] ?? '',
    lang: m[3] ?? '',
    code: m[4] ?? '',
  }));

  it('has runnable npm, pip and Go sections', async () => {
    expect(steps.filter((s) => s.action === 'write').map((s) => s.lang)).toEqual(['js', 'python', 'go']);
  });

  it('every command and program works as written, in order', async () => {
    // A project of its own: without a package.json here npm would install into the nearest one
    // above (the repository's, when npm test keeps temporary files in the repository's .tmp/).
    const work = mkdtempSync(join(tmpdir(), 'vidukit-readme-'));
    writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'readme-snippets', private: true })}\n`);
    readmeDirs.push(work);
    const outputs: string[] = [];
    for (const step of steps) {
      if (step.action === 'write') {
        mkdirSync(dirname(join(work, step.file)), { recursive: true });
        writeFileSync(join(work, step.file), step.code);
        continue;
      }
      // The one substitution: the packed tarball for the unpublished package.
      const script = step.code.replace(/npm install @vidukit\/openapi\b/, `npm install --no-audit --no-fund --prefer-offline ${tarball}`);
      outputs.push(await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: work }));
    }
    const all = outputs.join('\n');
    expect(all).toContain('/duration: must be <= 10'); // npm + Ajv
    expect(all).toContain('/duration: must be at most 10 (maximum)'); // pip
    expect(all.match(/TASK_STATUS_/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
