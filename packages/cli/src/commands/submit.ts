/**
 * `vidu submit <model>`: validate and submit, then print the task id and return without
 * waiting (`vidu wait <id>` or `vidu status <id>` pick it up). Never against the embedded
 * simulator: its tasks would end with this process.
 */
import type { SubmitRequestBody } from '@vidukit/client';
import type { GlobalOptions } from '../connection.js';
import { EXIT, reportFailure } from '../failure.js';
import { safe, shellQuote, type Output } from '../output.js';
import { prepare, type JobFlags } from './prepare.js';
import { withConnection } from './with-connection.js';

export async function submitCommand(model: string, flags: JobFlags, g: GlobalOptions, out: Output): Promise<number> {
  const prepared = await prepare(model, flags, out);
  if (typeof prepared === 'number') return prepared;
  const { operationId, body } = prepared;
  return withConnection(g, out, async (conn) => {
    try {
      out.log(`${out.c.dim('submitting')} ${model} (${operationId}) to ${conn.target}`);
      const { task_id: taskId } = await conn.client.submit(operationId, body as SubmitRequestBody<typeof operationId>);
      const wait = ['vidu', 'wait', taskId, ...(flags.out ? ['--out', flags.out] : []), ...conn.flags].map(shellQuote).join(' ');
      // The id alone on stdout, so `id=$(vidu submit ...)` works.
      out.out(safe(taskId));
      out.log(`task submitted; follow it with: ${safe(wait)}`);
      out.result({ ok: true, exitCode: EXIT.ok, model, operationId, taskId, wait });
      return EXIT.ok;
    } catch (error) {
      return reportFailure(out, error);
    }
  });
}
