// Runs Redocly Respect (a real child process) on the Arazzo workflows that @vidukit/openapi
// publishes, against a server, and reads its JSON report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const ARAZZO = require.resolve('@vidukit/openapi/arazzo.yaml');
const REDOCLY = join(require.resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js');

export interface RespectStep {
  stepId: string;
  request?: { url: string };
  response?: { statusCode: number };
  checks: { name: string; passed: boolean }[];
}
export interface RespectWorkflow {
  workflowId: string;
  status: string;
  executedSteps: RespectStep[];
}

export async function respect(args: { server: string; apiKey: string; workflows?: string[] }) {
  const dir = mkdtempSync(join(tmpdir(), 'vidu-respect-'));
  const report = join(dir, 'report.json');
  const argv = [REDOCLY, 'respect', ARAZZO, '--server', `vidu=${args.server}`, '--input', `apiKey=${args.apiKey}`, '-J', report];
  for (const w of args.workflows ?? []) argv.push('-w', w);
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { files: Record<string, { executedWorkflows: RespectWorkflow[] }> };
    return { code, output, workflows: Object.values(json.files).flatMap((f) => f.executedWorkflows) };
  } catch (error) {
    throw new Error(`respect wrote no report (exit ${code}):\n${output}`, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
