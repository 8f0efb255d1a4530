// Where the examples send their requests: the real provider when VIDU_API_KEY is set (billed!),
// otherwise a simulator started right here, so every example runs with no account and no network.
import { createViduClient } from '@vidukit/client';
import { startSimulator } from '@vidukit/simulator';

export async function connect() {
  if (process.env.VIDU_API_KEY) {
    const client = createViduClient({ apiKey: process.env.VIDU_API_KEY, baseUrl: process.env.VIDU_BASE_URL });
    return { client, baseUrl: process.env.VIDU_BASE_URL, close: async () => {} };
  }
  const sim = await startSimulator({ queuedMs: 300, processingMs: 700 });
  console.error(`(no VIDU_API_KEY: using a local simulator at ${sim.url})`);
  return { client: createViduClient({ baseUrl: sim.url, apiKey: 'example' }), baseUrl: sim.url, close: () => sim.close() };
}
