/**
 * A hostile API server for the secrets suites: it echoes the Authorization header back in every
 * place it can. The case is chosen by the task id (reads) or the prompt (submits).
 */
import { json, startServer, type TestServer } from './servers.js';

export async function startHostileServer(otherUrl: () => string): Promise<TestServer> {
  const api: TestServer = await startServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    const key = auth.replace(/^Bearer\s+/i, '');
    const url = new URL(req.url ?? '/', 'http://x');
    let which = url.searchParams.get('task_id') ?? '';
    if (req.method === 'POST') which = (JSON.parse(req.body || '{}') as { prompt?: string }).prompt ?? '';
    const echo = { 'x-request-id': `req-${key}` };
    const err = (status: number, reason: string) =>
      json(res, status, { code: status, reason, message: `rejected ${auth} (key ${key})`, metadata: { authorization: auth, api_key: key, nested: { deeper: [key, `Bearer ${key}`] } } }, echo);
    const task = (status: string, extra: Record<string, unknown> = {}) => json(res, 200, { task: { task_id: which, status, reason: '', ...extra } });
    switch (which) {
      case 'bad-request': return err(400, 'INVALID_REQUEST_BODY');
      case 'unauthorized': return err(401, 'INVALID_API_KEY');
      case 'forbidden-key': return err(403, 'INVALID_API_KEY');
      case 'forbidden-feature': return err(403, 'FEATURE_NOT_ALLOWED');
      case 'balance': return err(400, 'BILLING_BALANCE_NOT_ENOUGH');
      case 'not-found': return err(404, 'API_NOT_FOUND');
      case 'task-not-found': return err(404, 'TASK_NOT_FOUND');
      case 'rate': return json(res, 429, { reason: 'RATE_LIMIT_EXCEEDED', message: `slow down ${key}` }, { ...echo, 'retry-after': '999' });
      case 'server': return err(500, 'CREATE_TASK_FAILED');
      case 'html': res.writeHead(502, { 'content-type': 'text/html', ...echo }); return res.end(`<html><head><title>Bad key ${key}</title></head><body>${auth}</body></html>`);
      case 'text': res.writeHead(503, { 'content-type': 'text/plain' }); return res.end(`upstream said Authorization: ${auth}`);
      case 'stall': return;
      case 'reset': return res.socket?.destroy();
      case 'malformed': res.writeHead(200, { 'content-type': 'application/json' }); return res.end(`{"task_id": "${key}`);
      case 'failed-task': return task('TASK_STATUS_FAILED', { reason: `ILLEGAL_PROMPT for ${key}` });
      case 'queued': return task('TASK_STATUS_QUEUED');
      case 'redirect-other': res.writeHead(307, { location: `${otherUrl()}/v3/async/task-result?task_id=x` }); return res.end();
      case 'succeeded': return json(res, 200, { task: { task_id: which, status: 'TASK_STATUS_SUCCEED', reason: '' }, videos: [{ video_url: `http://${req.headers.host}/files/broken.mp4`, video_url_ttl: '3600', video_type: 'mp4' }] });
      default:
        if (url.pathname.startsWith('/files/')) { res.writeHead(500, { 'content-type': 'text/plain' }); return res.end(`storage refused ${auth}`); }
        return err(400, 'INVALID_REQUEST_BODY');
    }
  });
  return api;
}
