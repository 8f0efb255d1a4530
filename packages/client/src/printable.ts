/**
 * The one rule for printing or storing text that came from a server (a task id, a failure
 * reason, a URL, an unknown status): every control, line-break and bidi-override character is
 * shown as an escape (`\x1b`, `\u{202e}`), so an answer cannot set a terminal's title, clear its
 * screen, move its cursor, forge a log line or disguise a file name; and the length is bounded.
 * The client, polling, the CLI and the queue all use it.
 */
import { bound } from './redact.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The escape a control or bidi character is shown as.
 *
 * @example
 * ```ts
 * import { escapeUnsafe } from '@vidukit/client';
 *
 * escapeUnsafe('\u001b'); // '\x1b'
 * escapeUnsafe('\u202e'); // '\u{202e}' (right-to-left override)
 * ```
 */
export function escapeUnsafe(ch: string): string {
  const n = ch.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
}

/**
 * `value` as text that is safe to print, cut to `max` characters when given.
 *
 * @example
 * ```ts
 * import { printable } from '@vidukit/client';
 *
 * // A failure reason from the server, safe to print: no terminal escape can run.
 * printable('moderation failed\u001b]0;pwned\u0007'); // 'moderation failed\x1b]0;pwned\x07'
 * printable('x'.repeat(10_000), 80).length; // bounded
 * ```
 */
export function printable(value: unknown, max?: number): string {
  const text = String(value ?? '');
  return (max === undefined ? text : bound(text, max)).replace(UNSAFE, escapeUnsafe);
}
