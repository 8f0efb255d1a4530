/**
 * Where a video may be downloaded from: the API's transport policy (https anywhere; http only
 * to this machine), checked for the result's URL and for every redirect. No data:, blob: or
 * file: URL is ever "downloaded".
 */
// TEMPORARY: the rule itself belongs to @vidukit/client (isAllowedUrl in its transport); use
// its export once the client publishes one, and delete this copy.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isAllowedUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.test(url.hostname);
}

/** A URL for a message: scheme and host only (signed URLs carry credentials in the query). */
export function showUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}` : `a ${u.protocol} URL`;
  } catch {
    return 'an invalid URL';
  }
}
