// Submit one job and wait for its video: `generate` is submit + waitForTask with one deadline.
//   node examples/submit-and-wait.mjs
import { generate } from '@vidukit/polling';
import { connect } from './lib/connect.mjs';

const { client, close } = await connect();
try {
  const result = await generate(
    client,
    'submitQ1Reference',
    { images: ['https://example.com/cat.png'], prompt: 'A cat yawns, then looks at the camera' },
    { timeoutMs: 10 * 60_000, onProgress: (u) => console.error(`${u.status} ${u.progressPercent ?? 0}%`) },
  );
  console.log(`task ${result.taskId}: ${result.status}`);
  console.log(`video: ${result.videos[0].url}`);
} finally {
  await close();
}
