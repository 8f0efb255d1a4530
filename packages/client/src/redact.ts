/**
 * Redaction, in one place: the registry of secrets (API keys as they are sent), the scrubbing
 * of texts and values, and the bounds on every text an error holds. Everything an error, a log
 * line or a debug event carries passes through here.
 */

export const REDACTED = '[REDACTED]';

/** The longest message an error keeps; a longer one is cut with a note of its length. */
export const MAX_MESSAGE_CHARS = 1000;
/** The longest string field (reason, request id, one metadata value) an error keeps. */
export const MAX_FIELD_CHARS = 500;

const secrets = new Set<string>();
/** Keys shorter than this are scrubbed as whole words only, so they cannot eat ordinary text. */
const SHORT = 8;
let shortPattern: RegExp | undefined;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers a secret (an API key) so that every error, log line and debug event scrubs it.
 * Both the value as given and as sent (trimmed) are registered. Called by `createViduClient`;
 * exported for wrappers that hold other secrets.
 *
 * @example
 * ```ts
 * import { redact, registerSecret } from '@vidukit/client';
 *
 * registerSecret('my-webhook-secret-123');
 * console.log(redact('posting with my-webhook-secret-123')); // 'posting with [REDACTED]'
 * ```
 */
export function registerSecret(secret: string | undefined): void {
  if (typeof secret !== 'string') return;
  for (const s of new Set([secret, secret.trim()])) {
    if (!s || secrets.has(s)) continue;
    secrets.add(s);
    if (s.length < SHORT) {
      const shorts = [...secrets].filter((x) => x.length < SHORT).map(escapeRegExp);
      shortPattern = new RegExp(`(?<![\\w-])(?:${shorts.join('|')})(?![\\w-])`, 'g');
    }
  }
}

/**
 * Removes registered secrets and bearer tokens from a text.
 *
 * @example
 * ```ts
 * import { redact } from '@vidukit/client';
 *
 * redact('Authorization: Bearer sk-live-abc123'); // 'Authorization: Bearer [REDACTED]'
 * ```
 */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (s.length >= SHORT && out.includes(s)) out = out.split(s).join(REDACTED);
  if (shortPattern) out = out.replace(shortPattern, REDACTED);
  return out.replace(/(bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
}

/** A text cut to `max` characters (never inside a surrogate pair), saying how long it was. */
export function bound(text: string, max: number = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}… [${text.length} characters in all]`;
}

/** Redacted, then bounded (redacting first so a cut cannot split a secret into a visible half). */
export const safeText = (text: string, max: number = MAX_MESSAGE_CHARS): string => bound(redact(text), max);

/** Field names whose values are credentials whatever they hold (`api_key`, `access_token`, ...). */
const SENSITIVE_NAME = /(^|[-_.\s])(api[-_]?key|key|token|secret|password|passwd|authorization|cookie|credentials?|session)$/i;
export const isSensitiveName = (name: string): boolean => SENSITIVE_NAME.test(name) || /^(x-)?api[-_]?key$/i.test(name);

const MAX_KEYS = 50;
const MAX_ITEMS = 50;

/**
 * A bounded, redacted deep copy of a JSON-like value (for `metadata`, `toJSON`): strings scrubbed
 * and cut, credential-named fields replaced, at most 50 keys or items per level and 8 levels,
 * and `__proto__` keys dropped (the copy's prototype is never replaced, and nothing that
 * `Object.assign`s the copy can be polluted).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return safeText(value, MAX_FIELD_CHARS);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (depth > 8) return '[Object]';
  if (Array.isArray(value)) {
    const out = value.slice(0, MAX_ITEMS).map((v) => redactValue(v, depth + 1));
    if (value.length > MAX_ITEMS) out.push(`[${value.length - MAX_ITEMS} more items]`);
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const k of keys.slice(0, MAX_KEYS)) {
    if (k === '__proto__') continue;
    const name = safeText(k, 100);
    const v = isSensitiveName(k) ? REDACTED : redactValue((value as Record<string, unknown>)[k], depth + 1);
    if (name !== '__proto__') out[name] = v;
  }
  if (keys.length > MAX_KEYS) out['…'] = `${keys.length - MAX_KEYS} more keys`;
  return out;
}

/**
 * A copy of a value with every string redacted and nothing cut (for results kept on errors,
 * such as a failed task's result): arrays and plain objects are copied, other objects (a Date)
 * kept as they are.
 *
 * @example
 * ```ts
 * import { redactDeep } from '@vidukit/client';
 *
 * const safe = redactDeep({ request: { headers: { authorization: 'Bearer sk-live-abc123' } } });
 * console.log(JSON.stringify(safe)); // the token is [REDACTED]
 * ```
 */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '__proto__') out[k] = redactDeep(v, depth + 1);
  return out as T;
}
