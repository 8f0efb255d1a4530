import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli.js';
import { runSimulatorCli, type SimulatorHandle } from '../src/index.js';
import { bodies, expectSpec, paths, post } from './helpers.js';

describe('runSimulatorCli', () => {
  it('prints the URL, serves until the signal, then closes and exits 0', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    let handle: SimulatorHandle | undefined;
    const done = runSimulatorCli(['--seed', '9', '--api-key', 'k', '--fault', 'read.serverError=1'], {
      stdout: (l) => lines.push(l),
      signal: controller.signal,
      onReady: (h) => {
        handle = h;
      },
    });
    while (!handle) await new Promise((r) => setTimeout(r, 5));
    expect(lines[0]).toBe(`Vidu simulator listening on ${handle.url}`);
    const res = await post(handle.url, paths.submitQ2ProFast, bodies.submitQ2ProFast, { Authorization: 'Bearer k' });
    expectSpec('SubmitResponse', await res.json());
    const read = await fetch(`${handle.url}/v3/async/task-result?task_id=x`, { headers: { Authorization: 'Bearer k' } });
    expect(read.status).toBe(500);
    await read.text();
    controller.abort();
    expect(await done).toBe(0);
    expect(lines.at(-1)).toMatch(/1 task\(s\) created/);
    await expect(fetch(handle.url)).rejects.toThrow();
  });

  it('prints help and exits 0; exits 2 with a message on bad arguments', async () => {
    const out: string[] = [];
    expect(await runSimulatorCli(['--help'], { stdout: (l) => out.push(l) })).toBe(0);
    expect(out.join('\n')).toMatch(/--fault <k>=<p>/);
    expect(out.join('\n')).toMatch(/--host <addr>.*WARNING: any other address without\s+--api-key lets anyone/);
    for (const argv of [['--nope'], ['--fault', 'serverError'], ['--fault', 'bogus=0.1'], ['--port', 'abc'], ['--fault', 'serverError=3']]) {
      const err: string[] = [];
      expect(await runSimulatorCli(argv, { stdout: () => {}, stderr: (l) => err.push(l) }), argv.join(' ')).toBe(2);
      expect(err[0]).toMatch(/^vidu-simulator: /);
    }
  });

  it('warns on stderr when it listens beyond loopback without an API key', async () => {
    const run = async (argv: string[]) => {
      const err: string[] = [];
      const controller = new AbortController();
      const done = runSimulatorCli(argv, { stdout: () => {}, stderr: (l) => err.push(l), signal: controller.signal, onReady: () => controller.abort() });
      expect(await done).toBe(0);
      return err.join('\n');
    };
    expect(await run(['--host', '0.0.0.0'])).toMatch(/warning: listening on 0\.0\.0\.0 without --api-key/);
    expect(await run(['--host', '0.0.0.0', '--api-key', 'k'])).toBe('');
    expect(await run([])).toBe('');
  });

  it('maps every flag to an option', () => {
    const { options } = parseCliArgs([
      '--port', '4010', '--host', '0.0.0.0', '--api-key', 'k', '--public-url', 'http://sim.test:4010', '--seed', '3', '--queued-ms', '10', '--processing-ms', '20',
      '--ttl', '5', '--failure-rate', '0.5', '--fail-marker', '!!', '--rate-limit', '60', '--retry-after', '2',
      '--fault', 'stall=0.1', '--fault', 'submit.resetAfterAccept=0.2', '--fault', 'download.malformedJson=0.3', '--video', 'x.mp4',
    ]);
    expect(options).toEqual({
      port: 4010, host: '0.0.0.0', apiKey: 'k', publicUrl: 'http://sim.test:4010', seed: 3, queuedMs: 10, processingMs: 20, videoUrlTtlSeconds: 5,
      failureRate: 0.5, failMarker: '!!', rateLimitPerMinute: 60, retryAfterSeconds: 2, videoFile: 'x.mp4',
      faults: { stall: 0.1, submit: { resetAfterAccept: 0.2 }, download: { malformedJson: 0.3 } },
    });
  });
});
