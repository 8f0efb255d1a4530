// The one scriptable HTTP server for tests: real sockets on loopback, a handler that can be
// swapped between requests, every request it read recorded, and a close() that destroys every
// socket (so a test never waits on a stalled connection it provoked).
import { createServer } from 'node:http';

/**
 * @param {import('./loopback-server.js').Handler} [handler]
 * @param {string} [host]
 * @returns {Promise<import('./loopback-server.js').TestServer>}
 */
export async function startServer(handler = (_req, res) => void res.end(), host = '127.0.0.1') {
  let current = handler;
  /** @type {import('./loopback-server.js').SeenRequest[]} */
  const requests = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    try {
      await current(Object.assign(req, { body }), res, body);
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, host, resolve)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    handle: (fn) => {
      current = fn;
    },
    close: () =>
      /** @type {Promise<void>} */ (
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          for (const s of sockets) s.destroy();
        })
      ),
  };
}

/**
 * A JSON answer with its Content-Length (a string body is sent as it is).
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function json(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
