// A scripted fetch: each call takes the next step (a response or a thrown error) and is recorded.
export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { throw: unknown }
  | { hang: true }
  | ((url: string, init: RequestInit) => Response | Promise<Response>);

export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

export function fakeFetch(steps: Step[]) {
  const calls: Recorded[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const body = init.body == null ? undefined : typeof init.body === 'string' ? init.body : new TextDecoder().decode(init.body as ArrayBuffer);
    calls.push({ url, method: init.method ?? 'GET', headers: new Headers(init.headers), body });
    const step = steps.shift();
    if (!step) throw new Error(`fake fetch: unexpected call ${calls.length} to ${url}`);
    if (typeof step === 'function') return step(url, init);
    if ('throw' in step) throw step.throw;
    if ('hang' in step) {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    const text = step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
    const headers = { ...(typeof step.body === 'object' ? { 'content-type': 'application/json' } : {}), ...step.headers };
    return new Response(text === '' ? null : text, { status: step.status, headers });
  };
  return { fetch: fn as typeof fetch, calls };
}

/** An undici-like fetch failure with a low-level code. */
export function netError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  return new TypeError('fetch failed', { cause });
}
