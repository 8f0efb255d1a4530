// Starts Prism as a child process from the real spec on a free loopback port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const SPEC_PATH = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));

/** Asks the OS for a port that is free on 127.0.0.1 right now. */
/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ spec?: string, port?: number, timeoutMs?: number, errors?: boolean }} [options]
 * @returns {Promise<{ url: string, log: () => string, stop: () => Promise<void> }>}
 */
export async function startPrism({ spec = SPEC_PATH, port, timeoutMs = 30_000, errors = true } = {}) {
  port ??= await freePort();
  const bin = require.resolve('@stoplight/prism-cli/dist/index.js');
  const args = [bin, 'mock', spec, '--host', '127.0.0.1', '--port', String(port)];
  if (errors) args.push('--errors');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = () => output;

  await /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Prism did not start within ${timeoutMs} ms. Its log:\n${output}`));
    }, timeoutMs);
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk;
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (code ${code}, signal ${signal}) before listening. Its log:\n${output}`));
    });
  }));

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    stop: () =>
      /** @type {Promise<void>} */ (new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })),
  };
}
