// Adding an endpoint is a spec-only change. In a copy of the repository, a fifth submit
// operation is added to spec/openapi.yaml and nowhere else; after regenerating and building,
// the client has a typed method that validates its bodies, the simulator accepts it and
// completes a task, `vidu models` lists it, `vidu generate NEW --body job.json` makes an MP4,
// the generated Arazzo workflows include it, and the spec-derived contract corpus covers it
// (judged by the client's validators and Prism).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { copyRepository, must, pnpm } from './copy-repo.js';

const NEW = { operationId: 'submitQ9Sketch', model: 'q9-sketch', taskType: 'VIDU_Q9_SKETCH', path: '/v3/async/vidu-q9-sketch' };
let repo = '';
const cli = (args: string[]) => must(process.execPath, [join(repo, 'packages/cli/dist/bin.js'), ...args], { cwd: repo, env: { ...process.env, VIDU_API_KEY: '' } });

/** The one edit: a path with its operation, and its request schema. */
function addOperationToSpec(specPath: string): void {
  const doc = parseDocument(readFileSync(specPath, 'utf8'));
  const template = doc.getIn(['paths', '/v3/async/vidu-q1-reference2video', 'post', 'responses']);
  doc.setIn(['paths', NEW.path], doc.createNode({
    post: {
      operationId: NEW.operationId,
      'x-vidu-model': NEW.model,
      'x-vidu-task-type': NEW.taskType,
      tags: ['Submit'],
      summary: 'Vidu Q9 sketch to video',
      description: 'A made-up fifth operation: a prompt and a duration.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Q9SketchRequest' },
            examples: { minimal: { summary: 'Prompt and duration', value: { prompt: 'a pencil sketch of a lighthouse comes alive', duration: 4 } } },
          },
        },
      },
      responses: template,
    },
  }));
  doc.setIn(['components', 'schemas', 'Q9SketchRequest'], doc.createNode({
    type: 'object',
    additionalProperties: false,
    required: ['prompt', 'duration'],
    properties: {
      prompt: { type: 'string', minLength: 1, maxLength: 300, description: 'What happens in the video.' },
      duration: { type: 'integer', enum: [4, 8], description: 'Seconds.' },
      seed: { type: 'integer', minimum: 0, maximum: 2147483647, description: 'Random seed.' },
    },
  }));
  writeFileSync(specPath, doc.toString());
}

beforeAll(() => {
  repo = copyRepository();
  addOperationToSpec(join(repo, 'spec/openapi.yaml'));
  // The explicit generate step for the committed, npm-tool-generated artefacts (the Go half needs gofmt).
  must(process.execPath, ['packages/openapi/scripts/generate-models.mjs', '--only=python,corpus'], { cwd: repo });
  pnpm(repo, ['exec', 'turbo', 'run', 'build', '--filter=@vidukit/cli...', '--output-logs=errors-only']);
});

afterAll(() => {
  if (repo) rmSync(dirname(repo), { recursive: true, force: true });
});

describe('a fifth submit operation added to the spec only', () => {
  it('is in the generated operations list and the client has a typed method for it', () => {
    const ops = readFileSync(join(repo, 'packages/types/src/generated/operations.ts'), 'utf8');
    expect(ops).toContain(`"${NEW.operationId}"`);
    expect(ops).toMatch(new RegExp(`\\b${NEW.operationId}\\(body: \\w+, opts\\?: Options\\): Promise<Result>;`));
    const probe = join(repo, 'packages/client/test/fifth-operation.typecheck.ts');
    writeFileSync(probe, `import { createViduClient } from '../src/index.js';
const client = createViduClient({ apiKey: 'sk-typecheck-0001', baseUrl: 'http://127.0.0.1:9' });
export const ok = () => client.${NEW.operationId}({ prompt: 'x', duration: 8 });
// @ts-expect-error 5 is not one of the durations the spec allows
export const badDuration = () => client.${NEW.operationId}({ prompt: 'x', duration: 5 });
// @ts-expect-error an unknown field
export const unknownField = () => client.${NEW.operationId}({ prompt: 'x', duration: 4, colour: 'red' });
`);
    must(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'packages/client/tsconfig.json'], { cwd: repo });
  });

  it('validates its body before sending, and the simulator accepts it and completes its task', () => {
    const script = join(repo, 'packages/cli/fifth-operation-run.mjs');
    writeFileSync(script, `import { createViduClient, ValidationError } from '@vidukit/client';
import { waitForTask } from '@vidukit/polling';
import { startSimulator } from '@vidukit/simulator';
const sim = await startSimulator({ queuedMs: 50, processingMs: 100, seed: 5 });
try {
  const client = createViduClient({ apiKey: 'sk-fifth-operation-0001', baseUrl: sim.url });
  let issues = [];
  try { await client.${NEW.operationId}({ prompt: 'x', duration: 5 }); } catch (e) { if (e instanceof ValidationError) issues = e.issues; else throw e; }
  const sentBefore = sim.counts().submitAttempts;
  const { task_id } = await client.${NEW.operationId}({ prompt: 'a lighthouse', duration: 8 });
  const result = await waitForTask(client, task_id, { timeoutMs: 30000 });
  console.log(JSON.stringify({ issues, sentBefore, status: result.status, taskType: result.taskType, videos: result.videos?.length ?? 0 }));
} finally {
  await sim.close();
}
`);
    const out = JSON.parse(must(process.execPath, [script], { cwd: dirname(script) }).stdout.trim().split('\n').at(-1)!);
    expect(out.issues.map((i: { path: string }) => i.path)).toEqual(['duration']);
    expect(out.sentBefore).toBe(0);
    expect(out.status).toBe('TASK_STATUS_SUCCEED');
    expect(JSON.stringify(out)).toContain(NEW.taskType);
  });

  it('`vidu models` lists it and `vidu generate NEW --body job.json` makes an MP4', () => {
    expect(cli(['models']).stdout).toContain(NEW.model);
    const job = join(repo, 'job.json');
    writeFileSync(job, JSON.stringify({ prompt: 'a pencil sketch of a lighthouse comes alive', duration: 4 }));
    const out = join(repo, 'fifth.mp4');
    cli(['generate', NEW.model, '--body', job, '--out', out]);
    expect(readFileSync(out).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('the generated Arazzo document has its workflow (submit, wait, download)', () => {
    const arazzo = readFileSync(join(repo, 'spec/vidu.arazzo.yaml'), 'utf8');
    expect(arazzo).toContain(`operationId: $sourceDescriptions.vidu.${NEW.operationId}`);
    pnpm(join(repo, 'packages/openapi'), ['exec', 'vitest', 'run', 'test/arazzo.test.ts']);
  });

  it('the contract corpus covers it, and the client and Prism agree on every body', () => {
    const corpus = readdirSync(join(repo, 'packages/openapi/corpus', NEW.operationId));
    expect(corpus.some((f) => f.startsWith('valid'))).toBe(true);
    expect(corpus.some((f) => f.startsWith('invalid'))).toBe(true);
    pnpm(join(repo, 'packages/client'), ['exec', 'vitest', 'run', 'test/corpus.test.ts']);
    pnpm(join(repo, 'packages/openapi'), ['exec', 'vitest', 'run', 'test/cross-language.test.ts', '-t', 'corpus|Prism|agree'], {
      ...process.env,
      VIDU_MISSING_TOOLS: 'go,python-jsonschema',
      CI: '',
    });
  });
});
