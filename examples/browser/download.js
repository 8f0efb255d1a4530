// In a browser: generate a video and stream the download into a WritableStream, here one that
// collects the bytes into a Blob for a <video> element (a File System Access handle's
// `createWritable()` works the same way). Bundle it like any app: npx esbuild download.js --bundle
// --format=esm --outfile=bundle.js, then open index.html?base=<API or simulator URL>.
import { createViduClient } from '@vidukit/client';
import { generate } from '@vidukit/polling';
import { downloadVideo } from '@vidukit/polling/download';

const params = new URLSearchParams(location.search);
const status = document.querySelector('#status');
const client = createViduClient({ baseUrl: params.get('base') ?? undefined, apiKey: params.get('key') ?? 'example' });

try {
  const result = await generate(client, 'submitQ1Reference', { images: ['https://example.com/cat.png'], prompt: 'A cat yawns' }, {
    onProgress: (u) => (status.textContent = `${u.status} ${u.progressPercent ?? 0}%`),
  });
  const chunks = [];
  const sink = new WritableStream({ write: (chunk) => void chunks.push(chunk) });
  const { bytes, contentType } = await downloadVideo(result, sink, { onProgress: (p) => (status.textContent = `${p.receivedBytes} bytes`) });
  document.querySelector('video').src = URL.createObjectURL(new Blob(chunks, { type: contentType ?? 'video/mp4' }));
  status.textContent = `done: ${result.taskId}, ${bytes} bytes`;
  status.dataset.state = 'done';
} catch (error) {
  status.textContent = `failed: ${error.message}`;
  status.dataset.state = 'failed';
}
