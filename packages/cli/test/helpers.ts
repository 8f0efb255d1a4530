import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode, type Ended, type Running } from '@vidukit/test-utils/child-process';

// VIDU_TEST_BIN runs the suites against another build (e.g. the code before a fix, to see a test fail).
export const BIN = process.env.VIDU_TEST_BIN ?? fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const PNG = fileURLToPath(new URL('../assets/example-subject.png', import.meta.url));

export type RunResult = Omit<Ended, 'at'>;
export type { Running };

/** A clean environment: no key, no colours forced, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['VIDU_API_KEY', 'NO_COLOR', 'FORCE_COLOR', 'CI']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function start(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Running {
  return startNode([BIN, ...args], { env: opts.env ?? cleanEnv(), cwd: opts.cwd });
}

export function vidu(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult> {
  return start(args, opts).done;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vidu-cli-'));
}

/** True when the file is an MP4: an `ftyp` box at offset 4. */
export function isMp4(file: string): boolean {
  const b = readFileSync(file);
  return b.length > 12 && b.subarray(4, 8).toString('latin1') === 'ftyp';
}
