/**
 * Redis connection settings shared by the queue, the workers and the status reader.
 *
 * @example
 * ```ts
 * import { checkRedisUrl } from '@vidukit/queue';
 *
 * const url = checkRedisUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'); // throws on anything but redis:// or rediss://
 * console.log(url.host);
 * ```
 */
export function checkRedisUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RangeError(`--queue must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new RangeError(`--queue must be a redis:// or rediss:// URL, got ${u.protocol}//`);
  return u;
}

/** BullMQ's connection options: workers must wait through reconnects, never fail a command. */
export function redisConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  checkRedisUrl(url);
  return { url, maxRetriesPerRequest: null };
}

/**
 * The URL without its password, for messages.
 *
 * @example
 * ```ts
 * import { redactRedisUrl } from '@vidukit/queue';
 *
 * redactRedisUrl('redis://worker:s3cret@10.0.0.5:6379/0'); // the password is gone, for messages and logs
 * ```
 */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://?';
  }
}
