import type { ChildProcess } from 'node:child_process';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From start to exit. */
  ms: number;
  /** Date.now() at exit. */
  at: number;
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (or stdout) matches; rejects on timeout or if the process exits first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<Ended>;
}

/** Runs `node <argv...>` as a child process with its output collected. */
export declare function startNode(argv: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): Running;
