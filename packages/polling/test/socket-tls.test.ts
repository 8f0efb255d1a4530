/**
 * The socket reader over TLS: a real https server on loopback with the test certificate. The
 * child process trusts it through NODE_EXTRA_CA_CERTS, as an application behind a private CA
 * would; without that the certificate must be refused (verification is never switched off).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeTaskResult } from '@vidukit/client';
import { startNode } from '@vidukit/test-utils/child-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError } from '../src/errors.js';
import { downloadVideo } from '../src/node.js';
import { patterned } from './patterned.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const pkg = join(import.meta.dirname, '..');
const body = patterned(6 * 1024 * 1024 + 3);
const sha = createHash('sha256').update(body).digest('hex');
let server: Server;
let port: number;
let dir: string;
let connections = 0;

beforeAll(async () => {
  const [key, cert] = await Promise.all([readFile(join(fixtures, 'loopback-tls.key')), readFile(join(fixtures, 'loopback-tls.crt'))]);
  server = createServer({ key, cert }, (_req, res) => res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length }).end(body));
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(join(tmpdir(), 'vidukit-tls-'));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

async function childDownload(url: string, file: string) {
  const run = startNode(['--import', './bench/register-ts.mjs', 'test/fixtures/tls-download-child.mjs', url, file], {
    cwd: pkg,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: join(fixtures, 'loopback-tls.crt') },
  });
  const ended = await run.done;
  expect(ended.stderr).toBe('');
  return JSON.parse(ended.stdout.trim().split('\n').pop() ?? '{}');
}

describe('downloadVideo to a file over https (socket reader)', () => {
  it('downloads every byte from a host named by DNS (SNI) and by IP address', async () => {
    expect(await childDownload(`https://localhost:${port}/v.mp4?sig=1`, join(dir, 'a.mp4'))).toEqual({ bytes: body.length, sha });
    expect(await childDownload(`https://127.0.0.1:${port}/v.mp4`, join(dir, 'b.mp4'))).toEqual({ bytes: body.length, sha });
  });

  it('refuses a certificate it has no reason to trust, without retrying, leaving no file', async () => {
    connections = 0;
    const out = join(dir, 'untrusted', 'v.mp4');
    await mkdir(join(dir, 'untrusted'));
    const result = normalizeTaskResult({ task: { task_id: 'task-tls', status: 'TASK_STATUS_SUCCEED' }, videos: [{ video_url: `https://127.0.0.1:${port}/v.mp4` }] });
    const error = await downloadVideo(result, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/task-tls.*certificate/i);
    expect(await readdir(join(dir, 'untrusted'))).toEqual([]);
    expect(connections).toBe(1);
  });
});
