#!/usr/bin/env node
// The README's first command ends here: generate a real video with the `vidu` CLI. Without an
// API key the CLI runs against its embedded simulator and says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const image = fileURLToPath(new URL('../packages/cli/assets/example-subject.png', import.meta.url));
if (!existsSync(cli)) {
  console.error('The CLI is not built: run `npm start` from the repository root.');
  process.exit(1);
}
const args = process.argv.slice(2);
const defaults = ['generate', 'q2-pro-fast', '--prompt', '@1 walks through a field of sunflowers at golden hour', '--subject', `1=${image}`, '--duration', '5', '--out', 'vidu-example.mp4'];
const result = spawnSync(process.execPath, [cli, ...(args.length ? args : defaults)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
