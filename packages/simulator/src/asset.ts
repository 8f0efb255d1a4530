import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Path of the bundled sample clip. Both src/ (tests) and dist/ (ESM and CommonJS builds; tsdown's
 * `shims` provides `import.meta.url` in the latter) sit one level below the package root.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { sampleVideoPath } from '@vidukit/simulator';
 *
 * const mp4 = readFileSync(sampleVideoPath()); // the 2-second clip the simulator serves
 * console.log(mp4.length);
 * ```
 */
export function sampleVideoPath(): string {
  return fileURLToPath(new URL('../assets/sample.mp4', import.meta.url));
}

export function loadVideo(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new Error(`startSimulator: cannot read the video to serve at ${path}`, { cause });
  }
}
