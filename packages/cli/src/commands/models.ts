/** `vidu models [name]`: the models, their options and limits, read from the spec. */
import { FLAG_OF_FIELD } from '../body/problems.js';
import { EXIT } from '../exit-codes.js';
import { reportProblems } from '../report-problems.js';
import type { Output } from '../output.js';
import { describeLimits, isModelName, MODEL_NAMES, modelInfo, type FieldInfo } from '../spec.js';

function printFields(out: Output, fields: FieldInfo[], indent: string): void {
  const width = Math.max(...fields.map((f) => f.name.length + (f.required ? 2 : 0)), 8);
  for (const f of fields) {
    const name = `${f.name}${f.required ? ' *' : ''}`.padEnd(width);
    const flag = indent === '  ' && FLAG_OF_FIELD[f.name] ? out.co.cyan(` ${FLAG_OF_FIELD[f.name]}`) : '';
    out.out(`${indent}${out.co.bold(name)}  ${describeLimits(f)}${flag}`);
    if (f.description) out.out(`${indent}${' '.repeat(width)}  ${out.co.dim(f.description)}`);
    if (f.items) printFields(out, f.items, `${indent}    `);
  }
}

export function modelsCommand(name: string | undefined, out: Output): number {
  if (name !== undefined && !isModelName(name)) {
    return reportProblems(out, [{ path: '', flag: '[model]', message: `unknown model ${JSON.stringify(name)}; one of ${MODEL_NAMES.join(', ')}` }]);
  }
  const infos = (name ? [name] : MODEL_NAMES).map((n) => modelInfo(n as never));
  for (const m of infos) {
    out.out(`${out.co.bold(out.co.green(m.name))}  ${m.summary ?? ''}`);
    out.out(`  ${out.co.dim(`${m.method} ${m.path} (${m.operationId})`)}`);
    printFields(out, m.fields, '  ');
    out.out();
  }
  out.out(out.co.dim('* required. Limits and defaults come from the OpenAPI spec (@vidukit/openapi).'));
  out.result({ ok: true, exitCode: EXIT.ok, models: infos });
  return EXIT.ok;
}
