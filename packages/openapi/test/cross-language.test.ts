// One verdict in three languages: every body of the shared corpus (packages/openapi/corpus/) is
// judged by Python's jsonschema (Draft202012Validator over dist/schemas/) and Prism (mock from
// the spec, --errors) here, and by the TypeScript validators in packages/client/test/corpus.test.ts
// (that package depends on this one, not the other way round); each must agree with the corpus
// label, so all three agree. Also runs the Python unittest suite (named examples,
// corpus, model round trips) and the Go test (named examples decoded into the structs).
//
// Always against a local Prism mock, never VIDU_CONTRACT_BASE_URL: these bodies would create
// billed tasks on a real provider.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism, type PrismServer } from '@vidukit/test-utils/prism';
import { hasTool } from '@vidukit/test-utils/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(pkgDir, 'corpus');
const PYTHON = '/usr/bin/python3';
const GO_CANDIDATES = ['/usr/bin/go', '/usr/lib/go/bin/go'];
const INSTALL_HINT = '`npm test` at the repo root installs it where it can (Debian python3-jsonschema, golang-go).';
// Skipped (loudly, and never under CI) on a machine without them: see scripts/test.mjs.
const HAS_PYTHON = hasTool('python-jsonschema');
const HAS_GO = hasTool('go');

interface CorpusEntry {
  operationId: string;
  schema: string;
  valid: boolean;
  constraint: { keyword: string; schemaPath: string | null; instancePath: string };
  description: string;
  body: unknown;
}

function listCorpus(): { file: string; entry: CorpusEntry }[] {
  return readdirSync(corpusDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => relative(corpusDir, join(d.parentPath ?? d.path, d.name)).split('\\').join('/'))
    .sort()
    .map((file) => ({ file, entry: JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as CorpusEntry }));
}

const corpus = listCorpus();
const index = JSON.parse(readFileSync(join(pkgDir, 'dist/schemas/index.json'), 'utf8')) as {
  operations: { operationId: string; method: string; path: string; request?: { schema: string } }[];
};
const operations = new Map(index.operations.map((op) => [op.operationId, op]));

function requirePython(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import jsonschema'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${PYTHON} with jsonschema is required for the cross-language test and is missing ` +
        `(${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}). ${INSTALL_HINT}`,
    );
  }
}

function goBinary(): string {
  const found = GO_CANDIDATES.find((bin) => existsSync(bin));
  if (!found) throw new Error(`Go is required for the cross-language test and is missing (${GO_CANDIDATES.join(', ')}). ${INSTALL_HINT}`);
  return found;
}

describe('the shared corpus', () => {
  it('covers every operation with a request body, both verdicts, and every named request example', () => {
    const withBody = index.operations.filter((op) => op.request).map((op) => op.operationId).sort();
    expect([...new Set(corpus.map((c) => c.entry.operationId))].sort()).toEqual(withBody);
    for (const id of withBody) {
      const mine = corpus.filter((c) => c.entry.operationId === id);
      expect(mine.some((c) => c.entry.valid), `${id} has valid bodies`).toBe(true);
      expect(mine.some((c) => !c.entry.valid), `${id} has invalid bodies`).toBe(true);
    }
    for (const keyword of ['minimum', 'maximum', 'enum', 'maxLength', 'minItems', 'maxItems', 'required', 'additionalProperties', 'type']) {
      expect(corpus.filter((c) => c.entry.constraint.keyword === keyword && !c.entry.valid).length, keyword).toBeGreaterThan(0);
    }
  });
});

describe('one verdict in Python and Prism (TypeScript: packages/client/test/corpus.test.ts)', () => {
  let prism: PrismServer;
  const verdicts = { python: new Map<string, boolean>(), prism: new Map<string, boolean>() };

  beforeAll(async () => {
    requirePython();
    prism = await startPrism({ errors: true });
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
  });

  it.skipIf(!HAS_PYTHON)('Python (jsonschema Draft202012Validator over dist/schemas)', () => {
    const run = spawnSync(PYTHON, [join(pkgDir, 'python/tests/verdicts.py')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`python verdicts failed (exit ${run.status}):\n${run.stderr}`);
    const result = JSON.parse(run.stdout) as Record<string, boolean>;
    for (const { file } of corpus) {
      if (!(file in result)) throw new Error(`python gave no verdict for ${file}`);
      verdicts.python.set(file, result[file] === true);
    }
  });

  it('Prism (mock from the spec, --errors)', async () => {
    const statuses = new Map<number, number>();
    // A few at a time: Prism is one process on a shared machine.
    const queue = [...corpus];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { file, entry } = next;
        const op = operations.get(entry.operationId)!;
        const res = await fetch(`${prism.url}${op.path}`, {
          method: op.method,
          headers: { 'content-type': 'application/json', authorization: 'Bearer corpus-test' },
          body: JSON.stringify(entry.body),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) verdicts.prism.set(file, true);
        else if (res.status === 400 || res.status === 422) {
          if (!res.headers.get('sl-violations') && res.status === 400) {
            throw new Error(`${file}: Prism answered 400 without sl-violations (a mocked error, not a verdict)`);
          }
          verdicts.prism.set(file, false);
        } else throw new Error(`${file}: unexpected status ${res.status} from Prism`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(`Prism statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(verdicts.prism.size).toBe(corpus.length);
  }, 120_000);

  it('all three agree with the corpus label on every body', () => {
    const engines = (HAS_PYTHON ? ['python', 'prism'] : ['prism']) as ('python' | 'prism')[];
    const agreements = { python: 0, prism: 0 };
    const disagreements: string[] = [];
    let allThree = 0;
    for (const { file, entry } of corpus) {
      let every = true;
      for (const engine of engines) {
        const verdict = verdicts[engine].get(file);
        if (verdict === entry.valid) agreements[engine] += 1;
        else {
          every = false;
          disagreements.push(`${engine}: ${file} labelled ${entry.valid ? 'valid' : 'invalid'}, got ${verdict} (${entry.description})`);
        }
      }
      if (every) allThree += 1;
    }
    const valid = corpus.filter((c) => c.entry.valid).length;
    console.log(
      `cross-language corpus: ${corpus.length} bodies checked (${valid} valid, ${corpus.length - valid} invalid); ` +
        `agreeing with the label: Python ${agreements.python}, Prism ${agreements.prism}; ` +
        `all ${engines.length} engines ${allThree}/${corpus.length}`,
    );
    expect(disagreements).toEqual([]);
    expect(allThree).toBe(corpus.length);
  });
});

describe('generated models', () => {
  it.skipIf(!HAS_PYTHON)('Python: named examples and corpus validate with jsonschema and round-trip through the models', () => {
    requirePython();
    const run = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], {
      cwd: join(pkgDir, 'python'),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    const summary = run.stderr.split('\n').filter((l) => /^(Ran |OK|FAILED)/.test(l)).join('; ');
    console.log(`python unittest: ${summary}`);
    if (run.status !== 0) throw new Error(`python unittest failed:\n${run.stderr}\n${run.stdout}`);
  });

  it.skipIf(!HAS_GO)('Go: go vet is clean, every type has a doc comment, every named example decodes into the generated types', () => {
    const go = goBinary();
    // Local toolchain only, no module downloads.
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off', GOCACHE: process.env.GOCACHE ?? join(pkgDir, 'node_modules/.cache/go-build') };
    const vet = spawnSync(go, ['vet', './...'], { cwd: join(pkgDir, 'go'), encoding: 'utf8', env });
    if (vet.status !== 0) throw new Error(`go vet failed:\n${vet.stdout}\n${vet.stderr}`);
    const run = spawnSync(go, ['test', '-count=1', '-v', './...'], { cwd: join(pkgDir, 'go'), encoding: 'utf8', env });
    const decoded = /(\d+) named examples decoded/.exec(run.stdout)?.[1];
    console.log(`go test: ${run.status === 0 ? 'ok' : 'FAILED'}, ${decoded ?? '?'} named examples decoded`);
    if (run.status !== 0) throw new Error(`go test failed:\n${run.stdout}\n${run.stderr}`);
  }, 120_000);
});
