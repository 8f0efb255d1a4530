/** Listing input problems (exit 2, nothing sent). Light on imports: `vidu models` uses it. */
import { flagForPath, withFlag, type Problem } from './body/problems.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';

export function problemLine(p: Problem): string {
  const flag = p.flag ?? flagForPath(p.path);
  const where = [p.path, flag && flag !== p.path ? `(${flag})` : ''].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Lists every problem; exit code 2. Nothing was sent. */
export function reportProblems(out: Output, problems: Problem[], extra: Record<string, unknown> = {}): number {
  out.error(`invalid input, nothing was sent (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
  for (const p of problems) out.log(`  - ${problemLine(p)}`);
  out.result({ ok: false, exitCode: EXIT.invalid, error: { name: 'ValidationError', message: 'invalid input' }, issues: problems.map(withFlag), ...extra });
  return EXIT.invalid;
}
