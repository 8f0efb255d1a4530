import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as download from '../src/download-entry.js';
import * as node from '../src/node.js';

describe('entries', () => {
  it('the main entry imports nothing from node: (browser-safe); only node.ts does', async () => {
    const dir = join(import.meta.dirname, '../src');
    const files = [...(await readdir(dir)).map((f) => join(dir, f)), ...(await readdir(join(dir, 'internal'))).map((f) => join(dir, 'internal', f))];
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('node.ts'))) {
      const source = await readFile(file, 'utf8');
      expect(source, file).not.toMatch(/from ['"]node:/);
      expect(source, file).not.toMatch(/import\(['"]node:/);
    }
  });

  it('exports the documented API', () => {
    for (const name of ['waitForTask', 'watchTask', 'generate', 'waitForMany', 'createPollScheduler', 'TaskFailedError', 'WaitTimeoutError', 'WaitAbortedError', 'DownloadError']) {
      expect(main, name).toHaveProperty(name);
      expect(node, name).toHaveProperty(name);
    }
    // The downloader is not in the main entry (bundle size): streams from ./download, files from ./node.
    expect(main).not.toHaveProperty('downloadVideo');
    expect(download).toHaveProperty('downloadVideo');
    expect(node.downloadVideo).not.toBe(download.downloadVideo);
  });
});
