// @ts-check
/** Turns benchmark rows into the markdown table of docs/benchmarks.md. */

/**
 * One line of the table. `met` is null for a figure without a target; `metDetail`, when set,
 * replaces the yes/NO of the Met column.
 * @typedef {{
 *   group: string, figure: string, value: string, baseline: string, ratio: string, target: string,
 *   met: boolean | null, metDetail?: string | undefined, note?: string | undefined,
 * }} Row
 */
/**
 * What every benchmark module exports as `run(options)`.
 * @typedef {{ smoke?: boolean | undefined, log?: ((s: string) => void) | undefined }} BenchOptions
 * @typedef {{ rows: Row[], raw: unknown, notes?: string[] }} BenchOutput
 * @typedef {{ run: (options?: BenchOptions) => Promise<BenchOutput> }} BenchModule
 */
/**
 * One benchmark's outcome in a whole run; `error` when it failed to run.
 * @typedef {{ name: string, rows: Row[], raw?: unknown, notes?: string[], error?: string, ms: number }} BenchResult
 */

/** @param {unknown} s */
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** @param {boolean | null | undefined} met */
const mark = (met) => (met === true ? 'yes' : met === false ? '**NO**' : '');

/**
 * @param {BenchResult[]} results
 * @param {{ date: string, node: string, cpus: string, totalMs: number, smoke: boolean }} meta
 */
export function toMarkdown(results, meta) {
  const lines = [];
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    `Written by \`node scripts/pnpm.mjs bench\` (packages/bench) on ${meta.date}: Node ${meta.node}, ${meta.cpus}, ` +
      `${(meta.totalMs / 1000).toFixed(0)} s for the whole run${meta.smoke ? ' (SMOKE RUN: tiny sizes, figures meaningless)' : ''}.`,
  );
  lines.push('Every figure stands beside a baseline measured in the same run on the same machine, so read the ratios,');
  lines.push('not the absolute numbers: the machine is shared and noisy. Timed figures are medians of interleaved rounds.');
  lines.push('');
  lines.push('| Benchmark | Figure | Value | Baseline (same run) | Ratio | Target | Met |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const r of results) {
    if (r.error) {
      lines.push(`| ${esc(r.name)} | (failed to run) | n/a | | | | **NO** |`);
      continue;
    }
    for (const row of r.rows) {
      const value = row.note ? `${esc(row.value)} <sup>(${esc(row.note)})</sup>` : esc(row.value);
      lines.push(`| ${esc(row.group)} | ${esc(row.figure)} | ${value} | ${esc(row.baseline)} | ${esc(row.ratio)} | ${esc(row.target)} | ${row.metDetail ? row.metDetail : mark(row.met)} |`);
    }
  }
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    lines.push('');
    lines.push('## Benchmarks that failed to run');
    lines.push('');
    for (const r of failed) lines.push(`- ${r.name}: ${esc(r.error)}`);
  }
  const missed = results.flatMap((r) => r.rows.filter((row) => row.met === false));
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  const targets = results.flatMap((r) => r.rows.filter((row) => row.met !== null && row.met !== undefined));
  lines.push(`${targets.length - missed.length} of ${targets.length} targets met in this run.`);
  if (missed.length) {
    lines.push('');
    for (const row of missed) lines.push(`- Missed: ${esc(row.group)}, ${esc(row.figure)}: ${esc(row.value)} (${esc(row.ratio)}) vs target ${esc(row.target)}.`);
  }
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `- ${r.name}: ${n}`));
  if (notes.length) {
    lines.push('');
    lines.push('## Notes');
    lines.push('');
    lines.push(...notes);
  }
  lines.push('');
  return lines.join('\n');
}
