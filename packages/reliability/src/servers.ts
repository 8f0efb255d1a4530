/** Small real HTTP servers on loopback for the hostile-response, transport and shutdown suites. */
export { json, startServer, type Handler, type SeenRequest, type TestServer } from '@vidukit/test-utils/loopback-server';

/** Counts of the process's active resources by type (timers, sockets, servers, child processes). */
export function activeResources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Resource types that would keep a process alive, minus those present in `baseline`. */
export function leakedSince(baseline: Record<string, number>): Record<string, number> {
  const now = activeResources();
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) {
    const extra = v - (baseline[k] ?? 0);
    if (extra > 0 && k !== 'FSReqCallback' && k !== 'PipeWrap' && k !== 'TTYWrap') out[k] = extra;
  }
  return out;
}

/** Waits until `leakedSince(baseline)` is empty or `ms` passed; returns what is left. */
export async function settleResources(baseline: Record<string, number>, ms = 1000): Promise<Record<string, number>> {
  const until = Date.now() + ms;
  for (;;) {
    // setImmediate, not a timer, so the wait itself adds no Timeout.
    await new Promise((r) => setImmediate(r));
    const left = leakedSince(baseline);
    if (Object.keys(left).length === 0 || Date.now() > until) return left;
  }
}
