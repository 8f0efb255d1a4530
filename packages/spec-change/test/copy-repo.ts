// A throwaway copy of the repository (tracked and new files, as they are in the working tree)
// with its dependencies installed offline from the local pnpm store, to change and build.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  return dest;
}

/** pnpm (the repository's pinned copy) inside the copy. */
export function pnpm(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Ran {
  return must(process.execPath, [PNPM, ...args], { cwd, env: { ...env, TURBO_TELEMETRY_DISABLED: '1' } });
}
