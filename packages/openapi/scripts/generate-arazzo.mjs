#!/usr/bin/env node
// Writes spec/vidu.arazzo.yaml from spec/openapi.yaml: one workflow per submit operation
// (submit its `minimal` named example, read getTaskResult until the task has succeeded, end on
// TASK_STATUS_FAILED, download the video and check it is an MP4). Generated, so a submit
// operation added to the spec gets its workflow without a hand edit.
//
//   node scripts/generate-arazzo.mjs          write it
//   node scripts/generate-arazzo.mjs --check  fail if the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { deref } from '../lib/refs.mjs';

const specPath = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const target = fileURLToPath(new URL('../../../spec/vidu.arazzo.yaml', import.meta.url));
const spec = parse(readFileSync(specPath, 'utf8'));

const camel = (model) => model.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const submits = Object.values(spec.paths)
  .map((item) => item.post)
  .filter((op) => op?.requestBody && typeof op['x-vidu-model'] === 'string');

const bearer = { reference: '$components.parameters.bearer' };
const workflow = (op) => {
  const examples = deref(spec, op.requestBody).content['application/json'].examples ?? {};
  const name = 'minimal' in examples ? 'minimal' : Object.keys(examples)[0];
  if (!name) throw new Error(`${op.operationId} has no named request example to run in its workflow`);
  return {
    workflowId: camel(op['x-vidu-model']),
    summary: `${op.summary}: its "${name}" example, end to end`,
    inputs: { $ref: '#/components/inputs/credentials' },
    steps: [
      {
        stepId: 'submit',
        description: 'Creates the task. Billed on a real provider.',
        operationId: `$sourceDescriptions.vidu.${op.operationId}`,
        parameters: [bearer],
        requestBody: { contentType: 'application/json', payload: deref(spec, examples[name]).value },
        successCriteria: [{ condition: '$statusCode == 200' }],
        outputs: { taskId: '$response.body#/task_id' },
      },
      {
        stepId: 'wait',
        description: 'Reads the task until it has succeeded; ends the workflow if it failed.',
        operationId: '$sourceDescriptions.vidu.getTaskResult',
        parameters: [bearer, { name: 'task_id', in: 'query', value: '$steps.submit.outputs.taskId' }],
        successCriteria: [
          { condition: '$statusCode == 200' },
          { condition: '$response.body#/task/task_id == $steps.submit.outputs.taskId' },
          { context: '$response.body', type: 'jsonpath', condition: "$[?(@.task.status == 'TASK_STATUS_SUCCEED')]" },
        ],
        onFailure: [{ reference: '$components.failureActions.endIfFailed' }, { reference: '$components.failureActions.pollAgain' }],
        outputs: { result: '$response.body' },
      },
      {
        stepId: 'download',
        description: 'Fetches the video URL (no API key; a signed storage URL) and checks it is an MP4.',
        'x-operation': { method: 'GET', url: '$steps.wait.outputs.result#/videos/0/video_url' },
        successCriteria: [
          { condition: '$statusCode == 200' },
          { context: '$response.header.content-type', type: 'regex', condition: '^video/mp4' },
          { context: '$response.header.content-length', type: 'regex', condition: '^[1-9][0-9]*$' },
        ],
      },
    ],
  };
};

const doc = {
  arazzo: '1.0.1',
  info: {
    title: 'Vidu video generation, end to end',
    version: spec.info.version,
    summary: 'Submit, wait for the task, fetch the video, for each model of the API.',
    description: [
      'One workflow per submit operation of `openapi.yaml`, generated from it by',
      'packages/openapi/scripts/generate-arazzo.mjs: submit the operation\'s `minimal` named example',
      '(a billed task on a real provider), read `getTaskResult` until the task is',
      '`TASK_STATUS_SUCCEED` (every `retryAfter` seconds, at most `retryLimit` times; any other',
      'answer, a 429 or 5xx included, is read again), end without a video on `TASK_STATUS_FAILED`,',
      'then download `video_url` and check that it is an MP4 video.',
      '',
      'Run it with Redocly Respect against any server of the spec, for example:',
      '`npx @redocly/cli respect vidu.arazzo.yaml --server vidu=https://api.novita.ai --input apiKey=$VIDU_API_KEY`',
      '',
    ].join('\n'),
  },
  sourceDescriptions: [{ name: 'vidu', url: './openapi.yaml', type: 'openapi' }],
  workflows: submits.map(workflow),
  components: {
    inputs: {
      credentials: {
        type: 'object',
        required: ['apiKey'],
        properties: { apiKey: { type: 'string', format: 'password', description: 'The API key, sent as `Authorization: Bearer <apiKey>`.' } },
      },
    },
    parameters: { bearer: { name: 'Authorization', in: 'header', value: 'Bearer {$inputs.apiKey}' } },
    failureActions: {
      endIfFailed: {
        name: 'endIfFailed',
        type: 'end',
        criteria: [{ context: '$response.body', type: 'jsonpath', condition: "$[?(@.task.status == 'TASK_STATUS_FAILED')]" }],
      },
      pollAgain: { name: 'pollAgain', type: 'retry', retryAfter: 3, retryLimit: 200 },
    },
  },
};

const text = `# Generated from openapi.yaml by packages/openapi/scripts/generate-arazzo.mjs. Do not edit.\n${stringify(doc, { lineWidth: 0 })}`;
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('spec/vidu.arazzo.yaml is stale: run `node scripts/pnpm.mjs run generate` at the repository root and commit it');
    process.exit(1);
  }
  console.log(`vidu.arazzo.yaml is up to date (${submits.length} workflows)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote spec/vidu.arazzo.yaml (${submits.length} workflows)`);
}
