// The one way tests run a Node program (the `vidu` CLI, fixtures) as a real child process:
// output collected, a `waitFor` on what it prints, and a promise of how it ended.
import { spawn } from 'node:child_process';

/**
 * @param {string[]} argv  the script and its arguments, run with this Node
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {import('./child-process.js').Running}
 */
export function startNode(argv, { env = process.env, cwd } = {}) {
  const t0 = Date.now();
  const child = spawn(process.execPath, argv, { env, cwd: cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  /** @type {Set<() => void>} */
  const listeners = new Set();
  const notify = () => {
    for (const l of listeners) l();
  };
  child.stdout?.on('data', (d) => {
    stdout += d;
    notify();
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
    notify();
  });
  /** @type {Promise<import('./child-process.js').Ended>} */
  const done = new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0, at: Date.now() }));
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
          if (!m) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void done.then(() => {
          if (!listeners.has(check)) return;
          check();
          if (!listeners.has(check)) return;
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`exited before ${re}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        });
      });
    },
  };
}
