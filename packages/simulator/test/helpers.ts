import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';

// The spec's standalone JSON Schemas, through @vidukit/openapi's public entry.
const require = createRequire(import.meta.url);
const schemaFile = (name: string) => require.resolve(`@vidukit/openapi/schemas/${name}`);
const readJson = (name: string) => JSON.parse(readFileSync(schemaFile(name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
type ResponseSchema = 'TaskResult' | 'SubmitResponse' | 'SubmitResponseWithProviderId' | 'ErrorBody';
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Asserts `body` matches a response schema of the spec; returns it. */
export function expectSpec<T>(schema: ResponseSchema, body: T): T {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(readJson(`${schema}.json`));
    validators.set(schema, validate);
  }
  if (!validate(body)) {
    throw new Error(`response does not match ${schema}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`);
  }
  return body;
}

/** Every operation of the spec, as @vidukit/openapi indexes them. */
export const specOperations: {
  operationId: string;
  method: string;
  path: string;
  request?: { schema: string };
  parameters?: { name: string; schema: { minLength?: number; maxLength?: number; pattern?: string } }[];
}[] =
  readJson('index.json').operations;

/** A clock tests move by hand. */
export function manualClock(start = 1_763_675_000_000) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

export const bodies = {
  submitQ2ProFast: { prompt: '@1 walks in the rain', duration: 5, subjects: [{ name: '1', images: ['https://example.com/a.png'] }] },
  submitQ2ProMultiframe: {
    start_image: 'https://example.com/start.png',
    image_settings: [{ key_image: 'https://example.com/k1.png' }, { key_image: 'https://example.com/k2.png', prompt: 'zoom' }],
  },
  submitQ1Reference: { images: ['https://example.com/cat.webp'], prompt: 'A cat yawns' },
  submitQ2Reference: { prompt: '@1 waves', duration: 4, subjects: [{ id: '1', images: ['https://example.com/g.png'] }] },
} as const;

export const paths = Object.fromEntries(
  specOperations.filter((op) => op.operationId in bodies).map((op) => [op.operationId, op.path]),
) as Record<keyof typeof bodies, string>;

export async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getResult(base: string, taskId: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/v3/async/task-result?task_id=${encodeURIComponent(taskId)}`, { headers });
}
