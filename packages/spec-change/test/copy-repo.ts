// A throwaway copy of the repository (tracked and new files, as they are in the working tree)
// with its installed dependencies hard-linked in (`cp -al`: no download, no install step,
// the same versions), to change and build.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PNPM = join(REPO, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; throws with its output when it fails. */
export function must(cmd: string, args: string[], opts: SpawnSyncOptions = {}): Ran {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  const ran = { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${ran.stdout.slice(-4000)}\n${ran.stderr.slice(-4000)}`);
  return ran;
}

export function copyRepository(): string {
  const dest = join(mkdtempSync(join(tmpdir(), 'vidukit-spec-change-')), 'repo');
  const listed = must('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO }).stdout;
  for (const file of listed.split('\0').filter(Boolean)) {
    const target = join(dest, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      cpSync(join(REPO, file), target);
    } catch (e) {
      // A file deleted in the working tree but not yet from the index.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  // node_modules trees hold relative symlinks (workspace links, pnpm's virtual store), which stay
  // valid inside the copy; files are hard links, so this costs no disk.
  const trees = ['node_modules', ...readdirSync(join(REPO, 'packages')).map((p) => join('packages', p, 'node_modules'))];
  for (const tree of trees.filter((t) => existsSync(join(REPO, t)))) must('cp', ['-al', join(REPO, tree), join(dest, tree)]);
  return dest;
}

/** pnpm (the repository's pinned copy) inside the copy. */
export function pnpm(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Ran {
  // turbo looks for `pnpm` on PATH: the repository's pinned one.
  const path = `${join(REPO, '.tools', 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
  return must(process.execPath, [PNPM, ...args], { cwd, env: { ...env, PATH: path, TURBO_TELEMETRY_DISABLED: '1' } });
}
