/**
 * Where the CLI writes. Logs and progress go to stderr, results to stdout; with `--json`,
 * stdout carries exactly one JSON document. Every line passes through the client's `redact`,
 * so an API key can never be printed, whatever text an error carries.
 */
import { redact } from '@vidukit/client';
import pc from 'picocolors';

const { createColors } = pc;

export type Colors = ReturnType<typeof createColors>;

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
    this.streams.stdout.write(`${redact(line)}\n`);
  }

  /** A log line on stderr. */
  log(line = ''): void {
    this.streams.stderr.write(`${redact(line)}\n`);
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
    this.streams.stdout.write(`${redact(JSON.stringify(value, null, 2))}\n`);
  }
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
      return status.replace(/^TASK_STATUS_/, '').toLowerCase() || 'unknown';
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
