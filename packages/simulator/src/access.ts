import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context.js';
import { countFault } from './faults.js';
import type { Scope } from './options.js';
import { error } from './reply.js';

/** With `apiKey` set: 401 without a key, 403 with another one. */
export function authorized(ctx: SimContext, req: IncomingMessage, res: ServerResponse): boolean {
  if (ctx.opts.apiKey === undefined) return true;
  const header = req.headers.authorization;
  if (!header) {
    error(ctx, res, 401, 'MISSING_API_KEY', 'Missing API key: send Authorization: Bearer <key>');
    return false;
  }
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || match[1]!.trim() !== ctx.opts.apiKey) {
    error(ctx, res, 403, 'INVALID_API_KEY', 'Invalid API key');
    return false;
  }
  return true;
}

/** The per-minute limit of `rateLimitPerMinute`, in fixed windows per endpoint. */
export function withinRateLimit(ctx: SimContext, res: ServerResponse, endpoint: string, scope: Scope): boolean {
  const limit = ctx.opts.rateLimitPerMinute;
  if (limit === undefined) return true;
  const now = ctx.opts.clock();
  let window = ctx.windows.get(endpoint);
  if (!window || now - window.start >= 60_000) {
    window = { start: now, count: 0 };
    ctx.windows.set(endpoint, window);
  }
  if (window.count < limit) {
    window.count++;
    return true;
  }
  countFault(ctx, scope, 'rateLimitExceeded');
  const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  const message = `Rate limit exceeded: ${limit} requests per minute on this endpoint`;
  error(ctx, res, 429, 'RATE_LIMIT_EXCEEDED', message, {}, { 'Retry-After': String(retryAfter) });
  return false;
}
