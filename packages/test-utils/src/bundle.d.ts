export declare function bundleForBrowser(
  contents: string,
  options: { resolveDir: string; minify?: boolean; format?: 'esm' | 'iife'; globalName?: string; target?: string },
): Promise<{ code: string; bytes: number; gzipBytes: number }>;
