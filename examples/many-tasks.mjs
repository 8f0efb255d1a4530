// Submit several jobs, then wait for all of them with one scheduler (bounded concurrency and
// request rate); a failed task is an outcome, not an exception.
//   node examples/many-tasks.mjs
import { waitForMany } from '@vidukit/polling';
import { connect } from './lib/connect.mjs';

const prompts = ['a red kite over a beach', 'a lighthouse at dusk', 'rain on a window [fail]', 'a fox in the snow'];
const { client, close } = await connect();
try {
  const ids = [];
  for (const prompt of prompts) {
    const { task_id } = await client.submitQ1Reference({ images: ['https://example.com/still.png'], prompt });
    ids.push(task_id);
  }
  const outcomes = await waitForMany(client, ids, { concurrency: 2, requestsPerMinute: 600, timeoutMs: 10 * 60_000 });
  for (const outcome of outcomes) {
    console.log(outcome.ok ? `${outcome.taskId} ok     ${outcome.result.videos[0].url}` : `${outcome.taskId} failed ${outcome.error.message}`);
  }
  console.log(`${outcomes.filter((o) => o.ok).length} of ${outcomes.length} succeeded`);
} finally {
  await close();
}
