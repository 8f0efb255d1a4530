/**
 * TEMPORARY stand-in for @vidukit/client's policy exports (isRetryable, outcomeOf, retryDelay,
 * retryAfterOf), with the same signatures, until they are on main. Delete it then.
 */
type Outcome = { kind: 'response'; status: number } | { kind: 'connect' | 'network' | 'timeout' | 'too-large' | 'unreadable' | 'abort' };

function field(error: unknown, name: string): unknown {
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
}

export function outcomeOf(error: unknown): Outcome | undefined {
  switch (field(error, 'name')) {
    case 'AbortError':
    case 'WaitAbortedError':
      return { kind: 'abort' };
    case 'TimeoutError':
      return { kind: 'timeout' };
    case 'ConnectionError':
      return { kind: 'network' };
    case 'InvalidResponseError':
      return { kind: 'unreadable' };
  }
  const status = field(error, 'status');
  return typeof status === 'number' && status >= 100 && status <= 599 ? { kind: 'response', status } : undefined;
}

export function isRetryable(error: unknown, _options: { kind?: 'read' | 'submit' } = {}): boolean {
  const o = outcomeOf(error);
  if (!o || o.kind === 'abort' || o.kind === 'too-large') return false;
  return o.kind !== 'response' || o.status === 408 || o.status === 429 || o.status >= 500;
}

export function retryAfterOf(error: unknown): number | undefined {
  const v = field(error, 'retryAfterMs');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function retryDelay(
  retryIndex: number,
  hint: unknown,
  options: { baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number; jitter?: 'full' | 'equal'; random?: () => number } = {},
): number | undefined {
  const { baseDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = 60_000, random = Math.random } = options;
  const asked = typeof hint === 'number' ? hint : retryAfterOf(hint);
  if (asked !== undefined) return asked > maxRetryAfterMs ? undefined : asked;
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retryIndex));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(options.jitter === 'equal' ? step / 2 + (step / 2) * r : r * step);
}
