import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultOptions, type SimulatorOptions } from './options.js';
import { startSimulator, type SimulatorHandle } from './server.js';

export interface CliIo {
  /** Where the URL and notes go. Default: process.stdout. */
  stdout?: (line: string) => void;
  /** Where errors go. Default: process.stderr. */
  stderr?: (line: string) => void;
  /** Stops the simulator when aborted. Default: SIGINT or SIGTERM. */
  signal?: AbortSignal;
  /** Called once listening, e.g. to read `url` or `counts()` from an embedding program. */
  onReady?: (handle: SimulatorHandle) => void;
}

export const CLI_USAGE = `Usage: vidu-simulator [options]

Runs the Vidu API simulator in the foreground until Ctrl-C.

Options:
  --port <n>            port to listen on (default: a free one)
  --host <addr>         interface (default 127.0.0.1). WARNING: any other address without
                        --api-key lets anyone who can reach it use the simulator
  --api-key <key>       require "Authorization: Bearer <key>" (default: any or none)
  --public-url <url>    base of the video URLs it hands out (default: its own address)
  --seed <n>            seed for faults, failures and ids (default: a random one)
  --queued-ms <n>       time a task stays queued (default 1000)
  --processing-ms <n>   time a task stays processing (default 3000)
  --ttl <s>             video URL lifetime in seconds (default 3600)
  --failure-rate <p>    share of tasks that fail, 0..1 (default 0)
  --fail-marker <s>     prompts containing this fail (default "[fail]")
  --rate-limit <n>      requests per minute per endpoint (default: none)
  --retry-after <s>     Retry-After of the rateLimitedRetryAfter fault (default 1)
  --fault <k>=<p>       a fault rate, repeatable; k is a kind or scope.kind
                        (scopes: submit, read, download), e.g. --fault submit.serverError=0.2
                        kinds: ${FAULT_KINDS.join(', ')}
  --video <file.mp4>    serve this file instead of the bundled sample
  -h, --help            show this help

Example:
  vidu-simulator --port 4010 --fault read.serverError=0.1 --fault submit.resetAfterAccept=0.05
`;

class UsageError extends Error {}

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

/** Turns command-line arguments into simulator options. Throws on bad input. */
export function parseCliArgs(argv: readonly string[]): { help: boolean; options: SimulatorOptions } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'public-url': { type: 'string' },
      seed: { type: 'string' },
      'queued-ms': { type: 'string' },
      'processing-ms': { type: 'string' },
      ttl: { type: 'string' },
      'failure-rate': { type: 'string' },
      'fail-marker': { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'string' },
      fault: { type: 'string', multiple: true },
      video: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const faults: FaultOptions = {};
  for (const spec of values.fault ?? []) {
    const m = /^(?:(submit|read|download)\.)?([A-Za-z]+)=(.+)$/.exec(spec);
    if (!m || !(FAULT_KINDS as readonly string[]).includes(m[2]!)) {
      throw new UsageError(`--fault expects [scope.]kind=rate with a kind among ${FAULT_KINDS.join(', ')}; got "${spec}"`);
    }
    const [, scope, kind, rate] = m as unknown as [string, 'submit' | 'read' | 'download' | undefined, (typeof FAULT_KINDS)[number], string];
    const value = num('fault', rate)!;
    if (scope) faults[scope] = { ...faults[scope], [kind]: value };
    else faults[kind] = value;
  }
  const options: SimulatorOptions = { faults };
  const set = <K extends keyof SimulatorOptions>(key: K, value: SimulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('port', num('port', values.port));
  set('host', values.host);
  set('apiKey', values['api-key']);
  set('publicUrl', values['public-url']);
  set('seed', num('seed', values.seed));
  set('queuedMs', num('queued-ms', values['queued-ms']));
  set('processingMs', num('processing-ms', values['processing-ms']));
  set('videoUrlTtlSeconds', num('ttl', values.ttl));
  set('failureRate', num('failure-rate', values['failure-rate']));
  set('failMarker', values['fail-marker']);
  set('rateLimitPerMinute', num('rate-limit', values['rate-limit']));
  set('retryAfterSeconds', num('retry-after', values['retry-after']));
  set('videoFile', values.video);
  return { help: values.help === true, options };
}

/**
 * Runs the simulator in the foreground: prints its URL, then waits for Ctrl-C (or `io.signal`),
 * closes it and resolves with an exit code (0, or 2 for bad arguments, 1 if it cannot start).
 *
 * @example
 * ```ts
 * import { runSimulatorCli } from '@vidukit/simulator';
 *
 * // Like `vidu-simulator --port 4010`, stopped by the signal instead of Ctrl-C.
 * const controller = new AbortController();
 * const exitCode = runSimulatorCli(['--port', '4010'], { signal: controller.signal, onReady: (sim) => console.log(sim.url) });
 * setTimeout(() => controller.abort(), 60_000);
 * console.log(await exitCode); // 0
 * ```
 */
export async function runSimulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    err(`vidu-simulator: ${(error as Error).message}`);
    err('Run vidu-simulator --help for the options.');
    return 2;
  }
  if (parsed.help) {
    out(CLI_USAGE);
    return 0;
  }
  let handle: SimulatorHandle;
  try {
    handle = await startSimulator(parsed.options);
  } catch (error) {
    err(`vidu-simulator: ${(error as Error).message}`);
    return error instanceof TypeError ? 2 : 1;
  }
  out(`Vidu simulator listening on ${handle.url}`);
  const host = parsed.options.host ?? '127.0.0.1';
  if (!parsed.options.apiKey && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host)) {
    err(`vidu-simulator: warning: listening on ${host} without --api-key: anyone who can reach this address can use it.`);
  }
  out(
    `Use it as the client's baseUrl${parsed.options.apiKey ? ' with the API key given' : '; any API key (or none) is accepted'}. Ctrl-C stops it.`,
  );
  io.onReady?.(handle);

  await new Promise<void>((resolve) => {
    if (io.signal) {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const c = handle.counts();
  await handle.close();
  out(`Stopped. ${c.tasksCreated} task(s) created, ${c.submitAttempts} submit attempt(s).`);
  return 0;
}
