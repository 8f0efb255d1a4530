import { AbortError } from './transport-errors.js';

/**
 * Waits `ms`, or rejects with `AbortError` as soon as `signal` fires.
 *
 * @example
 * ```ts
 * import { AbortError, sleep } from '@vidukit/client';
 *
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 100);
 * try {
 *   await sleep(5_000, controller.signal);
 * } catch (error) {
 *   console.log(error instanceof AbortError); // true, after 100 ms
 * }
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError('Aborted while waiting to retry'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError('Aborted while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
