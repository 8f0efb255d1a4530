/** `vidu mock`: the simulator in the foreground until Ctrl-C. */
import { startSimulator, type SimulatorOptions } from '@vidukit/simulator';
import type { Problem } from '../body/problems.js';
import { EXIT, reportFailure, reportProblems } from '../failure.js';
import type { InterruptScope } from '../interrupt.js';
import type { Output } from '../output.js';

export interface MockFlags {
  port?: string;
  host?: string;
  apiKey?: string;
  queuedMs?: string;
  processingMs?: string;
  ttl?: string;
  failureRate?: string;
  failMarker?: string;
  seed?: string;
}

export async function mockCommand(flags: MockFlags, out: Output, intr: InterruptScope): Promise<number> {
  const problems: Problem[] = [];
  const num = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
      problems.push({ path: '', flag, message: `must be a non-negative number, got ${JSON.stringify(v)}` });
      return undefined;
    }
    return n;
  };
  const options: SimulatorOptions = {};
  const set = <K extends keyof SimulatorOptions>(k: K, v: SimulatorOptions[K] | undefined) => {
    if (v !== undefined) options[k] = v;
  };
  set('port', num('--port', flags.port));
  set('host', flags.host);
  set('queuedMs', num('--queued-ms', flags.queuedMs));
  set('processingMs', num('--processing-ms', flags.processingMs));
  set('videoUrlTtlSeconds', num('--ttl', flags.ttl));
  set('failureRate', num('--failure-rate', flags.failureRate));
  set('failMarker', flags.failMarker);
  set('seed', num('--seed', flags.seed));
  if (flags.apiKey) set('apiKey', flags.apiKey);
  if (problems.length) return reportProblems(out, problems);

  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    if (error instanceof TypeError) return reportProblems(out, [{ path: '', message: error.message }]);
    return reportFailure(out, error);
  }
  out.out(`Vidu simulator listening on ${sim.url}`);
  out.log(`use it with: vidu generate ... --base-url ${sim.url}   (Ctrl-C stops it)`);
  out.result({ ok: true, url: sim.url, port: sim.port });
  await new Promise<void>((resolve) => {
    if (intr.signal.aborted) resolve();
    else intr.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const counts = sim.counts();
  await sim.close();
  out.log(`simulator stopped (${counts.tasksCreated} task${counts.tasksCreated === 1 ? '' : 's'} created)`);
  return EXIT.ok;
}
