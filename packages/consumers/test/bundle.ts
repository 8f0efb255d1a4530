// Bundles the browser entries of the client and polling packages the way an app's bundler would.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

export async function bundle(contents: string, options: { minify?: boolean; format?: 'esm' | 'iife'; globalName?: string } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: options.format ?? 'esm',
    globalName: options.globalName,
    minify: options.minify ?? true,
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}
