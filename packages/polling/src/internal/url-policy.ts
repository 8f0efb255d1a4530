/**
 * Where a video may be downloaded from: the API's transport policy (https anywhere; http only
 * to this machine), checked for the result's URL and for every redirect. No data:, blob: or
 * file: URL is ever "downloaded".
 */
// The rule itself is the client's (one transport policy for the API and for downloads).
export { isAllowedUrl } from '@vidukit/client';

/** A URL for a message: scheme and host only (signed URLs carry credentials in the query). */
export function showUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}` : `a ${u.protocol} URL`;
  } catch {
    return 'an invalid URL';
  }
}
