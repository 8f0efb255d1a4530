/**
 * Where the CLI writes. Logs and progress go to stderr, results to stdout; with `--json`,
 * stdout carries exactly one JSON document. Every line passes through the client's `redact`,
 * so an API key can never be printed, whatever text an error carries.
 */
import { escapeUnsafe, printable } from '@vidukit/client/printable';
import pc from 'picocolors';

const { createColors } = pc;

export type Colors = ReturnType<typeof createColors>;

let redact: (text: string) => string = (text) => text;

/**
 * Installs the client's `redact` (connection.ts does, when it loads the client). The client
 * is not imported here so that commands that never call an API start fast.
 */
export function useRedactor(fn: (text: string) => string): void {
  redact = fn;
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** Colours on a stream: never with NO_COLOR (any non-empty value); else on a TTY or with FORCE_COLOR. */
export function colorsEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export class Output {
  /** Colours for stderr (logs). */
  readonly c: Colors;
  /** Colours for stdout (results). */
  readonly co: Colors;
  /** True when a live progress bar may be drawn on stderr. */
  readonly interactive: boolean;
  /** The server this run calls without an API key, if any (so a 401/403 says "no API key given"). */
  keyless: string | undefined;

  constructor(
    readonly streams: Streams,
    readonly json: boolean,
  ) {
    this.c = createColors(colorsEnabled(streams.stderr, streams.env));
    this.co = createColors(!json && colorsEnabled(streams.stdout, streams.env));
    this.interactive = !json && streams.stderr.isTTY === true && streams.env.TERM !== 'dumb';
  }

  /** A result line on stdout (not used in --json mode). */
  out(line = ''): void {
    if (this.json) return;
    this.streams.stdout.write(`${printableLine(redact(line))}\n`);
  }

  /** A log line on stderr. */
  log(line = ''): void {
    this.streams.stderr.write(`${printableLine(redact(line))}\n`);
  }

  warn(line: string): void {
    this.log(`${this.c.yellow('warning:')} ${line}`);
  }

  error(line: string): void {
    this.log(`${this.c.red('error:')} ${line}`);
  }

  /** The one JSON document of a --json run, on stdout. */
  result(value: unknown): void {
    if (!this.json) return;
    // JSON.stringify escapes C0 controls but not C1 ones (0x9b is CSI on some terminals) or bidi overrides.
    const text = redact(JSON.stringify(value, null, 2)).replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    this.streams.stdout.write(`${text}\n`);
  }
}

// In --json output, JSON escapes C0 itself; DEL, C1 and the bidi overrides that reorder text are escaped here.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Terminal controls in a whole line: C0 (but tab and newline), DEL, C1, bidi overrides; SGR kept.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const LINE_UNSAFE = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value that came from a server (task id, reason, URL, message), made safe to print: every
 * control character is shown as an escape (`\x1b`), so an answer cannot set the window title,
 * clear the screen or move the cursor.
 */
export function safe(value: unknown): string {
  return printable(value);
}

/**
 * The same for a whole line, keeping the colour codes this CLI writes itself (SGR, `ESC[..m`)
 * and newlines; a second guard behind `safe()` at each value.
 */
export function printableLine(line: string): string {
  return line.replace(LINE_UNSAFE, (m) => (m.length > 1 ? m : escapeUnsafe(m)));
}

/** `TASK_STATUS_PROCESSING` -> `processing`; unknown values are shown as they are. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'TASK_STATUS_QUEUED':
      return 'queued';
    case 'TASK_STATUS_PROCESSING':
      return 'processing';
    case 'TASK_STATUS_SUCCEED':
      return 'succeeded';
    case 'TASK_STATUS_FAILED':
      return 'failed';
    default:
      return safe(status.replace(/^TASK_STATUS_/, '').toLowerCase().slice(0, 40)) || 'unknown';
  }
}

/** `75` -> `1m15s`, `4` -> `4s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Quotes an argument for a POSIX shell when it needs it, so printed commands can be pasted. */
export function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
