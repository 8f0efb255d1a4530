/**
 * Checks and resolves `createViduClient`'s options, so that a key, base URL, header or limit
 * that cannot work is reported at once, by name, without echoing a secret.
 */
import { ViduError } from './errors.js';
import { isAllowedUrl, isLoopbackHost } from './net.js';
import { redact, safeText } from './redact.js';
import type { RequestOptions, ViduClientOptions, ViduDebugEvent, ViduProvider } from './types.js';

/** Where each provider serves the API. */
export const PROVIDER_BASE_URLS: Readonly<Record<ViduProvider, string>> = Object.freeze({
  novita: 'https://api.novita.ai',
  highwayapi: 'https://api.highwayapi.ai',
  myrouter: 'https://api.myrouter.ai',
});

/** A variable of the environment, where there is one (Node, Bun, Deno with env access). */
export function envValue(name: string): string | undefined {
  try {
    const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
    const v = proc?.env?.[name];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined; // Deno without --allow-env throws
  }
}

/** The base URL without a trailing slash: absolute, https or loopback http, no credentials. */
export function resolveBaseUrl(options: ViduClientOptions): URL {
  let raw: string;
  if (options.baseUrl !== undefined) raw = String(options.baseUrl);
  else {
    const provider = options.provider ?? 'novita';
    if (!Object.hasOwn(PROVIDER_BASE_URLS, provider)) {
      throw new ViduError(`Unknown provider ${safeText(JSON.stringify(provider), 100)}: use one of ${Object.keys(PROVIDER_BASE_URLS).join(', ')}, or pass baseUrl`);
    }
    raw = PROVIDER_BASE_URLS[provider];
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ViduError(`baseUrl ${safeText(JSON.stringify(raw.replace(/\/\/[^/@]*@/, '//…@')), 200)} is not an absolute URL`);
  }
  if (url.username || url.password) {
    throw new ViduError(
      `baseUrl ${url.protocol}//…@${url.host} carries a user name or password: they would not be sent as you expect. Remove them and pass the API key as apiKey`,
    );
  }
  if (!isAllowedUrl(url)) {
    throw new ViduError(
      `baseUrl ${url.protocol}//${url.host} refused: the API key would travel unencrypted. Use https (http is allowed only for loopback hosts such as 127.0.0.1)`,
    );
  }
  return url;
}

/** Visible ASCII only: what an HTTP header can carry unchanged. */
const KEY_CHARS = /^[\x21-\x7e]+$/;

/**
 * The key as it will be sent (trimmed, as read from a file or a .env), or undefined when none
 * was given. A key that cannot be sent is refused now; the message never shows it.
 */
export function resolveApiKey(options: ViduClientOptions): string | undefined {
  const given = options.apiKey;
  // '' is "no key" (as `process.env.X ?? ''` gives); whitespace alone is a key read wrongly.
  if (given === undefined || given === '') {
    const env = envValue('VIDU_API_KEY')?.trim();
    return env ? checkKey(env, 'the VIDU_API_KEY environment variable') : undefined;
  }
  if (typeof given !== 'string') throw new ViduError(`apiKey must be a string, got ${given === null ? 'null' : typeof given}`);
  const key = given.trim();
  if (!key) throw new ViduError('apiKey is empty (blank or only whitespace): pass the key, or leave apiKey out for a loopback server');
  return checkKey(key, 'apiKey');
}

function checkKey(key: string, source: string): string {
  if (KEY_CHARS.test(key)) return key;
  const at = [...key].findIndex((ch) => !KEY_CHARS.test(ch));
  const ch = [...key][at] ?? '';
  const what = ch.charCodeAt(0) < 0x20 || ch === '\x7f' ? 'a control character' : ch === ' ' || ch === '\t' ? 'a space' : 'a non-ASCII character';
  throw new ViduError(
    `${source} has ${what} at position ${at + 1}, which an HTTP header cannot carry; check that the key was copied whole (the key itself is not shown)`,
  );
}

/** Extra headers, checked now (a header fetch would refuse names the header), minus Authorization. */
export function checkHeaders(headers: Record<string, string> | undefined, where: string): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization') continue;
    try {
      new Headers([[name, value]]);
    } catch {
      throw new ViduError(`${where} ${safeText(JSON.stringify(name), 100)} cannot be sent: header names must be tokens and values must not contain line breaks, NUL or non-Latin-1 characters`);
    }
    out[name.toLowerCase()] = String(value).trim();
  }
  return out;
}

/** A number option: finite, within [min, max], or the default when not given. */
export function numberOption(value: unknown, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ViduError(`${name} must be a number at least ${min}${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}, got ${safeText(String(value), 50)}`);
  }
  return value;
}

/** setTimeout's largest delay. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Per-call options checked like the client's; undefined fields fall back to the client's. */
export function checkCallOptions(opts: RequestOptions | undefined): void {
  if (!opts) return;
  if (opts.timeoutMs !== undefined) numberOption(opts.timeoutMs, 'timeoutMs', 0, 1, MAX_TIMEOUT_MS);
  if (opts.maxRetries !== undefined) numberOption(opts.maxRetries, 'maxRetries', 0, 0, 100);
}

/** True when the base URL is this machine: no key is needed there (a simulator, Prism). */
export const keyOptional = (url: URL): boolean => isLoopbackHost(url.hostname);

/** The debug sink: the options' hooks, else `VIDU_LOG=debug` on stderr, else none. */
export function debugSink(options: ViduClientOptions): ((event: ViduDebugEvent) => void) | undefined {
  const { onDebug, logger } = options;
  if (onDebug || logger) {
    return (event) => {
      try {
        onDebug?.(event);
        logger?.debug(`[vidukit] ${event.type} ${event.operation}`, event);
      } catch {
        /* a failing logger never breaks a request */
      }
    };
  }
  if (envValue('VIDU_LOG')?.trim().toLowerCase() !== 'debug') return undefined;
  return (event) => {
    const { type, operation, ...rest } = event;
    const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
    console.error(redact(safeText(`[vidukit] ${type} ${operation} ${fields.join(' ')}`, 2000)));
  };
}
