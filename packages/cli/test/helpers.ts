import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// VIDU_TEST_BIN runs the suites against another build (e.g. the code before a fix, to see a test fail).
export const BIN = process.env.VIDU_TEST_BIN ?? fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const PNG = fileURLToPath(new URL('../assets/example-subject.png', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (or stdout) matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<RunResult>;
}

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
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d) => {
    stdout += d;
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    for (const l of listeners) l();
  });
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitFor(re, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(stderr) ?? re.exec(stdout);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void done.then(() => {
          if (listeners.has(check)) {
            check();
            if (listeners.has(check)) {
              listeners.delete(check);
              clearTimeout(timer);
              reject(new Error(`exited before ${re}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
            }
          }
        });
      });
    },
  };
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
