/** Runs the real `vidu` binary (packages/cli/dist/bin.js) as a child process. */
import { startNode, type Running } from '@vidukit/test-utils/child-process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const VIDU_BIN = join(dirname(require.resolve('@vidukit/cli/package.json')), 'dist', 'bin.js');

export interface CliRun extends Omit<Running, 'done'> {
  /** Resolves when the process has exited. */
  exited: Running['done'];
}

/** The CLI with no key in its environment and no colours, plus `opts.env` (undefined removes). */
export function spawnCli(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', VIDU_API_KEY: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const { done, ...run } = startNode([VIDU_BIN, ...args], { env: env as NodeJS.ProcessEnv, cwd: opts.cwd });
  return { ...run, exited: done };
}

export async function runCli(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}) {
  const run = spawnCli(args, opts);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
  const { code } = await run.exited;
  clearTimeout(timer);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
