/**
 * Facts about the network the transport relies on: which URLs may carry the key, which headers
 * are credentials, and what a low-level fetch failure says about whether the request left.
 */
import { isSensitiveName } from './redact.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * True for this machine's own addresses (a local simulator, Prism, a test server).
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from '@vidukit/client';
 *
 * isLoopbackHost('localhost'); // true
 * isLoopbackHost('[::1]'); // true
 * isLoopbackHost('api.novita.ai'); // false
 * ```
 */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);

/**
 * https anywhere; http only to this machine (a local mock or simulator).
 *
 * @example
 * ```ts
 * import { isAllowedUrl } from '@vidukit/client';
 *
 * isAllowedUrl(new URL('https://api.novita.ai')); // true
 * isAllowedUrl(new URL('http://127.0.0.1:4010')); // true: a local simulator
 * isAllowedUrl(new URL('http://api.example.com')); // false: the key would travel in clear text
 * ```
 */
export function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** Headers that carry credentials and must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|cookie2)$|(^|-)(api-?key|key|token|secret|auth|session|signature|credentials?|password)(-|$)/i;
export const isCredentialHeader = (name: string): boolean => CREDENTIAL_HEADERS.test(name) || isSensitiveName(name);

/** Error codes that prove the request never left this machine (or never reached HTTP). */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** The first `code` found on an error, its causes, or an AggregateError's members. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code) return e.code;
  const fromCause = errorCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const c = errorCode(inner, depth + 1);
      if (c) return c;
    }
  }
  return undefined;
}

/** The innermost message of a fetch failure ("connect ECONNREFUSED 127.0.0.1:9" beats "fetch failed"). */
export function innermostMessage(err: unknown, depth = 0): string {
  const e = err as { message?: unknown; cause?: unknown } | undefined;
  const own = typeof e?.message === 'string' ? e.message : String(err);
  if (depth < 5 && e?.cause && typeof e.cause === 'object') {
    const inner = innermostMessage(e.cause, depth + 1);
    if (inner) return inner;
  }
  return own;
}

/** Every member of an AggregateError must have failed before sending for the whole to count. */
export function failedBeforeSend(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (Array.isArray(e.errors) && e.errors.length) return e.errors.every((x) => failedBeforeSend(x, depth + 1));
  if (typeof e.code === 'string' && e.code) return BEFORE_SEND_CODES.has(e.code);
  // fetch refuses the Fetch standard's "bad ports" (1, 9, 6000, ...) locally, with no code.
  if ((err as Error).message === 'bad port') return true;
  return failedBeforeSend(e.cause, depth + 1);
}
