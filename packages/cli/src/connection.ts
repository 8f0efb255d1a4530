/**
 * Turns the global options into a client. The only things that differ between the embedded
 * simulator, a local one and a real provider are the base URL and the key: every command then
 * runs the same code.
 */
import { createViduClient, redact, registerSecret, type ViduClient, type ViduProvider } from '@vidukit/client';
import { startSimulator, type SimulatorHandle } from '@vidukit/simulator';
import { useRedactor, type Output } from './output.js';

// Every line printed from here on passes through the client's redaction (secrets are only
// registered by connect, below, so nothing printed before the client loads can hold one).
useRedactor(redact);


export interface GlobalOptions {
  json?: boolean;
  provider?: ViduProvider;
  baseUrl?: string;
  apiKey?: string;
}

export interface Connection {
  client: ViduClient;
  /** Where requests go, for messages (never includes the key). */
  target: string;
  /** True when the embedded simulator is serving this run. */
  embedded: boolean;
  /** True for a server on this machine (the embedded simulator, or a loopback --base-url). */
  local: boolean;
  /** Flags that make another `vidu` command reach the same server (`--base-url ...`), never the key. */
  flags: string[];
  close(): Promise<void>;
}

/** A usage problem found before anything was sent: exit code 2. */
export class UsageProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageProblem';
  }
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

export async function connect(
  g: GlobalOptions,
  out: Output,
  opts: { allowEmbedded: boolean },
): Promise<Connection> {
  const env = out.streams.env;
  const apiKey = g.apiKey ?? (env.VIDU_API_KEY || undefined);
  registerSecret(apiKey);
  const flags: string[] = [];
  if (g.provider) flags.push('--provider', g.provider);
  if (g.baseUrl) flags.push('--base-url', g.baseUrl);

  let sim: SimulatorHandle | undefined;
  let baseUrl = g.baseUrl;
  if (!apiKey && !baseUrl && !g.provider && opts.allowEmbedded) {
    // A fresh seed per run: task ids from the embedded simulator must not repeat across runs (journals, logs).
    sim = await startSimulator({ seed: Math.floor(Math.random() * 2 ** 31) });
    baseUrl = sim.url;
    out.log(
      out.c.cyan(
        `No VIDU_API_KEY and no --base-url: using the embedded simulator at ${sim.url} (nothing is billed; its tasks live only as long as this process).`,
      ),
    );
  } else if (!apiKey) {
    if (baseUrl && isLoopback(baseUrl)) {
      // Called without a key (the client allows that on loopback only); a local server that
      // requires one refuses, and that is reported as "no API key given" (failure.ts).
      out.keyless = baseUrl;
    } else {
      throw new UsageProblem(
        `no API key: set VIDU_API_KEY or pass --api-key${opts.allowEmbedded ? '' : ' (or --base-url http://127.0.0.1:<port> for a local simulator started with `vidu mock`)'}`,
      );
    }
  }

  let client: ViduClient;
  try {
    client = createViduClient({
      ...(apiKey ? { apiKey } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(g.provider && !baseUrl ? { provider: g.provider } : {}),
    });
  } catch (error) {
    await sim?.close();
    throw new UsageProblem((error as Error).message);
  }
  return {
    client,
    target: baseUrl ?? g.provider ?? 'novita',
    embedded: sim !== undefined,
    local: sim !== undefined || (baseUrl !== undefined && isLoopback(baseUrl)),
    flags,
    close: async () => {
      await sim?.close();
    },
  };
}
