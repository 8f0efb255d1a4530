/** Helpers for the secrets suite: a recognisable key, and every rendering of an error to search. */
import { inspect } from 'node:util';

export const CANARY_KEY = 'sk-vidukit-SECRET-canary-123';
/** Fragments that betray the key even when cut or re-encoded. */
export const CANARY_FRAGMENTS = [
  CANARY_KEY,
  'SECRET-canary',
  Buffer.from(CANARY_KEY).toString('base64').slice(0, 20),
  encodeURIComponent(CANARY_KEY).replace(/-/g, '%2D'),
];

/** Every way an error can reach a log: message, stack, toJSON, JSON.stringify, inspect (hidden too), String, causes. */
export function renderings(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const e = error as Error & { toJSON?: () => unknown; cause?: unknown };
  const safe = (name: string, fn: () => unknown) => {
    try {
      const v = fn();
      out[name] = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
    } catch (err) {
      out[name] = `<threw ${String(err)}>`;
    }
  };
  safe('message', () => e?.message);
  safe('stack', () => e?.stack);
  safe('String', () => String(e));
  safe('toJSON', () => (typeof e?.toJSON === 'function' ? e.toJSON() : undefined));
  safe('JSON.stringify', () => JSON.stringify(e));
  safe('inspect', () => inspect(e, { depth: 20 }));
  safe('inspect.showHidden', () => inspect(e, { depth: 20, showHidden: true }));
  let cause = e?.cause;
  for (let i = 0; cause !== undefined && i < 5; i++) {
    const c = cause as Error & { cause?: unknown };
    safe(`cause[${i}].inspect`, () => inspect(c, { depth: 20, showHidden: true }));
    safe(`cause[${i}].stack`, () => c?.stack);
    cause = c?.cause;
  }
  return out;
}

/** The renderings (name -> text) in which a fragment of the key appears. */
export function leaks(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, text] of Object.entries(texts)) {
    for (const f of CANARY_FRAGMENTS) if (text.includes(f)) found.push(`${name} contains ${JSON.stringify(f)}`);
  }
  return found;
}

/** Each own field of an error, inspected: stricter than the renderings (a caller reading `err.reason`). */
export function fieldRenderings(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.getOwnPropertyNames(error ?? {})) {
    out[`field ${k}`] = inspect((error as Record<string, unknown>)[k], { depth: 20, showHidden: true });
  }
  return out;
}
