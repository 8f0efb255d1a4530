// @ts-check
/**
 * A minimal HTTP server for the client-overhead benchmark: answers every submit with a task id
 * and every task-result read with a finished task, as fast as node:http allows. Run in a child
 * process (fork) so its CPU is not charged to the client being measured; it sends its port over
 * IPC. Deliberately not Prism: Prism's per-request validation would dominate the time.
 */
import { createServer } from 'node:http';

const SUBMIT = JSON.stringify({ task_id: '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f' });
const SUBMIT_WITH_PROVIDER_ID = JSON.stringify({
  task_id: '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f',
  provider_request_id: 'req-1',
});
export const TASK_RESULT = {
  task: {
    task_id: '2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f',
    status: 'TASK_STATUS_SUCCEED',
    reason: '',
    task_type: 'VIDU_Q1_REFERENCE',
    eta: 0,
    progress_percent: 100,
  },
  extra: { seed: '42', enable_nsfw_detection: false },
  videos: [{ video_url: 'https://cdn.example.com/videos/2f6c1a8e.mp4?sig=abc', video_url_ttl: '3600', video_type: 'mp4' }],
  images: [],
  audios: [],
};
const RESULT = JSON.stringify(TASK_RESULT);

/** @param {number} [port] */
export function startServer(port = 0) {
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (req.method === 'POST') {
      // Drain the body: a real server reads it, and the client's upload time must count.
      req.on('data', () => {});
      req.on('end', () => {
        const body = url.includes('multiframe') || url.includes('q2-reference') ? SUBMIT_WITH_PROVIDER_ID : SUBMIT;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    if (url.startsWith('/v3/async/task-result')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(RESULT) });
      res.end(RESULT);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"code":404,"reason":"NOT_FOUND","message":"not found","metadata":{}}');
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : 0 });
    });
  });
}

if (process.send && process.argv.includes('--child')) {
  const { port } = await startServer();
  process.send({ port });
  process.on('disconnect', () => process.exit(0));
}
