import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const built = existsSync(join(root, 'dist/index.js'));

// A child process waits on a real client against a server that never answers, aborts after
// 200 ms and must then exit by itself: no timer or socket may keep it alive. (Uses the built
// packages, as an application would; turbo builds before testing.)
describe.skipIf(!built)('an aborted wait lets the process exit', () => {
  it('exits on its own after the abort', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer(() => {
      /* never answers */
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const script = `
      import { createViduClient } from '@vidukit/client';
      import { waitForTask } from '@vidukit/polling';
      const client = createViduClient({ apiKey: 'sk-test-0123456789', baseUrl: ${JSON.stringify(url)} });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      try { await waitForTask(client, 'task-1', { signal: controller.signal }); }
      catch (e) { console.log(JSON.stringify({ name: e.name, taskId: e.taskId })); }
      process.on('exit', () => console.log('exit'));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => {
        child.kill();
        resolve(-1);
      }, 20_000);
      child.on('exit', (c) => {
        clearTimeout(kill);
        resolve(c);
      });
    });
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
    expect(out).toContain('"name":"WaitAbortedError","taskId":"task-1"');
    expect(code, out).toBe(0);
  }, 30_000);
});
