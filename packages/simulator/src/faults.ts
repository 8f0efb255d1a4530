import type { ServerResponse } from 'node:http';
import type { SimContext } from './context.js';
import type { CountedFault } from './counts.js';
import { FAULT_KINDS, type FaultKind, type Scope } from './options.js';
import { BAD_GATEWAY_HTML, cutShort, drip, error, LOGIN_PAGE_HTML, resetSocket, send, stall, truncatedJson } from './reply.js';

/** Draws the fault (if any) for one request from its scope's seeded stream. */
export function drawFault(ctx: SimContext, scope: Scope): FaultKind | undefined {
  const rates = ctx.opts.faults[scope];
  // One draw per request, even with no faults configured, so every request moves the stream equally.
  const r = ctx.rng.faults[scope]();
  let edge = 0;
  for (const kind of FAULT_KINDS) {
    edge += rates[kind];
    if (r < edge) return kind;
  }
  return undefined;
}

export function countFault(ctx: SimContext, scope: Scope, kind: CountedFault): void {
  ctx.counts.faults[kind]++;
  ctx.counts.faultsByScope[scope][kind]++;
}

/** The faults that happen after the provider did its work: they change or lose its answer. */
const LATE: ReadonlySet<FaultKind> = new Set([
  'resetAfterAccept',
  'malformedJson',
  'truncatedBody',
  'notFound',
  'unknownStatus',
  'numbersAsStrings',
  'slowDrip',
  'stalledDownload',
]);

export const isLate = (fault: FaultKind): boolean => LATE.has(fault);

/**
 * Answers the faults that happen before the provider gets to an API request (they stand for the
 * network and the proxy in front of it). True when answered; false for the late faults.
 */
export function earlyFault(ctx: SimContext, res: ServerResponse, fault: FaultKind, scope: Scope, reason: string, message: string): boolean {
  if (LATE.has(fault)) return false;
  countFault(ctx, scope, fault);
  switch (fault) {
    case 'serverError':
      error(ctx, res, 500, reason, message);
      break;
    case 'badGateway':
      send(ctx, res, 502, BAD_GATEWAY_HTML, { 'Content-Type': 'text/html' });
      break;
    case 'rateLimited':
      error(ctx, res, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded');
      break;
    case 'rateLimitedRetryAfter':
      error(ctx, res, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', {}, { 'Retry-After': String(ctx.opts.retryAfterSeconds) });
      break;
    case 'resetBeforeAccept':
      resetSocket(ctx, res);
      break;
    case 'stall':
      stall(ctx);
      break;
    case 'notJson':
      send(ctx, res, 200, LOGIN_PAGE_HTML, { 'Content-Type': 'text/html; charset=utf-8' });
      break;
  }
  return true;
}

/** The 200 JSON answer of an API request, through the late fault drawn for it (if any). */
export function answer(ctx: SimContext, res: ServerResponse, scope: Scope, fault: FaultKind | undefined, body: unknown): void {
  if (fault === 'malformedJson' || fault === 'truncatedBody' || fault === 'slowDrip') countFault(ctx, scope, fault);
  const headers = { 'Content-Type': 'application/json' };
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  if (fault === 'malformedJson') truncatedJson(ctx, res, body);
  else if (fault === 'truncatedBody') cutShort(ctx, res, 200, buf, headers);
  else if (fault === 'slowDrip') drip(ctx, res, 200, buf, headers, ctx.opts.slowDripMs);
  else send(ctx, res, 200, buf.toString('utf8'), headers);
}

/** The same for a video download, answered like a storage server (plain text, no JSON). */
export function downloadFault(ctx: SimContext, res: ServerResponse, fault: FaultKind): void {
  countFault(ctx, 'download', fault);
  const text = { 'Content-Type': 'text/plain' };
  if (fault === 'serverError') send(ctx, res, 500, 'Internal Server Error', text);
  else if (fault === 'badGateway') send(ctx, res, 502, BAD_GATEWAY_HTML, { 'Content-Type': 'text/html' });
  else if (fault === 'rateLimited') send(ctx, res, 429, 'Too Many Requests', text);
  else if (fault === 'rateLimitedRetryAfter') send(ctx, res, 429, 'Too Many Requests', { ...text, 'Retry-After': String(ctx.opts.retryAfterSeconds) });
  else if (fault === 'stall') stall(ctx);
  else resetSocket(ctx, res);
}
