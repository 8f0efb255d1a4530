/**
 * Ctrl-C handling. The first SIGINT (or SIGTERM) aborts `signal`: waits stop at once, the
 * command prints the task id and how to resume, and exits 130. Submits in flight are allowed
 * to finish so their task id is not lost. A second Ctrl-C exits 130 immediately.
 */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export interface InterruptScope {
  readonly signal: AbortSignal;
  readonly interrupted: boolean;
  /** Called on a second Ctrl-C, just before the process exits (e.g. to print the task id). */
  onForceExit(fn: () => void): void;
  dispose(): void;
}

export const EXIT_INTERRUPTED = 130;

export function installInterrupt(): InterruptScope {
  const controller = new AbortController();
  let count = 0;
  const last: Array<() => void> = [];
  const handler = () => {
    count++;
    if (count === 1) {
      controller.abort(new Interrupted());
      return;
    }
    for (const fn of last) {
      try {
        fn();
      } catch {
        /* exiting anyway */
      }
    }
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    onForceExit(fn) {
      last.push(fn);
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
