// Bundles code the way an app's browser bundler would (esbuild) and measures it gzipped. One
// helper for the size budget, the browser test and the bundle-size benchmark.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

/**
 * @param {string} contents module source, e.g. `export * from '@vidukit/client'`
 * @param {{ resolveDir: string, minify?: boolean, format?: 'esm' | 'iife', globalName?: string, target?: string }} options
 */
export async function bundleForBrowser(contents, { resolveDir, minify = true, format = 'esm', globalName, target }) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format,
    globalName,
    minify,
    target,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  const code = output.text;
  const bytes = output.contents;
  return { code, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}
