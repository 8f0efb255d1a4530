// The environment the README's commands give their children, so that neither command writes
// outside the repository (besides npm's and pnpm's caches and Debian installs): temporary
// files, Go's build and module caches and other tools' caches go to .tmp/ in the repository.
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { root } from './pnpm-path.mjs';

export const repoTmp = join(root, '.tmp');

export function repoEnv(base = process.env) {
  const dirs = { tmp: join(repoTmp, 'tmp'), cache: join(repoTmp, 'cache'), gopath: join(repoTmp, 'go') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return {
    ...base,
    PATH: `${join(root, '.tools', 'node_modules', '.bin')}${delimiter}${base.PATH ?? ''}`,
    TURBO_TELEMETRY_DISABLED: '1',
    TMPDIR: dirs.tmp,
    XDG_CACHE_HOME: dirs.cache,
    GOCACHE: join(dirs.cache, 'go-build'),
    GOPATH: dirs.gopath,
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    PIP_NO_CACHE_DIR: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}
