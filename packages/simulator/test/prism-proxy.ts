// `prism proxy` from the spec in @vidukit/openapi, as a child process, in front of `upstream`.
// Without --errors it forwards every request and reports violations in the sl-violations header.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from '@vidukit/test-utils/prism';

const require = createRequire(import.meta.url);

export async function startPrismProxy(upstream: string, options: { errors?: boolean } = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const bin = require.resolve('@stoplight/prism-cli/dist/index.js');
  const spec = require.resolve('@vidukit/openapi/openapi.yaml');
  const args = [bin, 'proxy', spec, upstream, '--host', '127.0.0.1', '--port', String(port)];
  if (options.errors) args.push('--errors');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism proxy did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Prism is listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism proxy exited (${code}) before listening:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
