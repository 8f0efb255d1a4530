// Real sockets, no fake fetch: a submit that cannot connect was provably never sent, so it is a
// ConnectionError (retried), never "outcome unknown".
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionError, SubmitOutcomeUnknownError, createViduClient } from '../src/index.js';

const body = { images: ['https://example.com/a.png'], prompt: 'x' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('submit to a port nobody listens on', () => {
  it('is a ConnectionError (ECONNREFUSED), retried up to maxRetries', async () => {
    const port = await closedPort();
    const client = createViduClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk-test-refused', maxRetries: 2 });
    const error = await client.submitQ1Reference(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(SubmitOutcomeUnknownError);
  });

  it('is a ConnectionError for a port fetch blocks locally ("bad port")', async () => {
    const client = createViduClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'sk-test-refused', maxRetries: 0 });
    const error = await client.submitQ1Reference(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
