/**
 * Fetching a video URL under the transport policy: the first URL and every redirect must be
 * https (or http on loopback), followed by hand so each hop is checked before it is requested.
 */
import { isAllowedUrl, showUrl } from './url-policy.js';
import type { VideoAnswer, VideoTransport } from './video-answer.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/** Why a URL was not fetched. */
export class RefusedUrl extends Error {}

function parse(url: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    throw new RefusedUrl('the video URL is not a valid absolute URL');
  }
  if (!isAllowedUrl(u)) {
    throw new RefusedUrl(`refused to download from ${showUrl(u)}: only https, or http on loopback hosts`);
  }
  return u;
}

/** The final answer for `url`, redirects followed and checked; 3xx bodies are discarded. */
export async function fetchVideo(transport: VideoTransport, url: string, signal: AbortSignal, headers?: Record<string, string>): Promise<VideoAnswer> {
  let current = parse(url);
  for (let hop = 0; ; hop++) {
    const response = await transport(current.href, { signal, redirect: 'manual', ...(headers ? { headers } : {}) });
    if (response.opaqueRedirect) {
      // A browser hides the Location of a manual redirect: let it follow (it blocks mixed
      // content itself), then check where the chain ended before reading a byte.
      const followed = await transport(current.href, { signal, redirect: 'follow', ...(headers ? { headers } : {}) });
      try {
        if (followed.url) parse(followed.url);
      } catch (error) {
        await followed.body?.cancel().catch(() => {});
        throw error;
      }
      return followed;
    }
    const location = response.header('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) throw new RefusedUrl(`more than ${MAX_REDIRECTS} redirects`);
    current = parse(location, current);
  }
}
