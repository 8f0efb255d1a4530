// The tests run the BUILT CLI as a child process. turbo's `test` depends on `build`; when the
// tests are run directly and dist/ is missing, build it once here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  if (existsSync(bin)) return;
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync('tsdown', [], { cwd, stdio: 'inherit', shell: true });
  if (r.status !== 0 || !existsSync(bin)) throw new Error('could not build the CLI (run the build first: turbo run build --filter=@vidukit/cli...)');
}
