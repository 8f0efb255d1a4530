/**
 * AbortControllers reused across attempts, for the runtime's own fetch only.
 *
 * Each attempt hands fetch a signal so its time limit can cancel the request. A fresh
 * AbortController per attempt was a large part of a read's cost on Node: creating the signal,
 * and undici keeping it alive (a FinalizationRegistry entry holds it) until a full garbage
 * collection. A signal that never fired is as good as new, so an attempt that ended without
 * aborting gives its controller back, and a later attempt sends that one.
 *
 * A controller that fired is never reused. Each fetch leaves a listener on the signal until the
 * runtime collects that request, and every later fetch walks those listeners, so a controller
 * is retired after `MAX_USES` attempts.
 */
const MAX_USES = 16;
/** More idle controllers than this are dropped: the pool only covers the usual concurrency. */
const MAX_IDLE = 256;

export interface Lease {
  controller: AbortController;
  uses: number;
}

export interface AbortPool {
  /** A controller whose signal has not fired. */
  take(): Lease;
  /** Gives back a controller whose attempt is over (body read or cancelled, timer cleared) and that never fired. */
  give(lease: Lease): void;
}

export function createAbortPool(): AbortPool {
  const idle: Lease[] = [];
  return {
    take: () => idle.pop() ?? { controller: new AbortController(), uses: 0 },
    give(lease) {
      if (++lease.uses < MAX_USES && idle.length < MAX_IDLE) idle.push(lease);
    },
  };
}
