/**
 * Whether a download to a file may use the socket transport, or must go through `fetch`
 * because the application has a say in how fetch connects: its own `fetch` option, a replaced
 * global fetch (a mock, an instrumented fetch), an undici dispatcher of its own (a proxy agent,
 * a mock agent), or proxy settings in the environment. Then fetch's behaviour is kept exactly.
 */
import type { DownloadOptions } from '../../download.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NODE_USE_ENV_PROXY'];
// Where undici (Node's own and the npm package) keeps the dispatcher set by setGlobalDispatcher.
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');

function isNodesOwnFetch(f: unknown): boolean {
  // Node's global fetch is a JS wrapper that loads its bundled undici on first use (Node 20-24).
  return typeof f === 'function' && Function.prototype.toString.call(f).includes('internal/deps/undici/undici');
}

export function socketsUsable(options: DownloadOptions, env: Record<string, string | undefined> = process.env): boolean {
  if (options.fetch !== undefined) return false;
  if (process.versions.bun !== undefined || (globalThis as { Deno?: unknown }).Deno !== undefined) return false;
  if (!isNodesOwnFetch(globalThis.fetch)) return false;
  if (PROXY_VARIABLES.some((name) => env[name])) return false;
  const dispatcher = (globalThis as Record<symbol, unknown>)[DISPATCHER];
  // Node installs a plain Agent itself on the first fetch; any other kind is the application's.
  return dispatcher === undefined || (dispatcher as object).constructor?.name === 'Agent';
}
