/**
 * Commander wiring of the queue commands, kept out of program.ts so that file changes by two
 * lines: `--queue` and friends on `batch`, `batch status`, and `worker`.
 */
import type { Command } from 'commander';
import type { GlobalOptions } from '../connection.js';
import type { InterruptScope } from '../interrupt.js';
import { reportProblems } from '../report-problems.js';
import type { Output } from '../output.js';
import type { QueueBatchFlags } from './queue.js';

// The queue commands load the client, polling and BullMQ only when they run (CLI start-up).
const queueCommands = () => import('./queue.js');

export interface QueueWiring {
  outputFor(g: GlobalOptions): Output;
  intr: InterruptScope;
  setExit(code: number): void;
  /** Applies the root's output settings and error handling to a new subcommand. */
  adopt(cmd: Command): void;
}

const QUEUE_HELP = `
With --queue, the jobs go to Redis (BullMQ) and \`vidu worker\` processes on any machine run
them: at most one billed task per job (a submit cut short by a crash is reported in doubt,
never sent again automatically), one request budget shared by every worker, a pause for all
on a 429. Enqueueing the same file again adds nothing. See docs/queue-operations.md.

  $ vidu batch jobs.jsonl --queue redis://10.0.0.5:6379 --budget 60/60s --detach
  $ vidu worker --queue redis://10.0.0.5:6379 --out videos/        # on each machine
  $ vidu batch status --queue redis://10.0.0.5:6379 --json`;

/** Adds the queue options to `batch`. */
export function addQueueOptions(batch: Command): void {
  batch
    .option('--queue <redis-url>', 'enqueue to Redis for `vidu worker` processes instead of running here (redis://host:port)')
    .option('--queue-name <name>', 'BullMQ queue name (default vidu)')
    .option('--budget <n/window>', 'with --queue: provider requests allowed per sliding window for all workers together, e.g. 60/60s')
    .option('--detach', 'with --queue: return once enqueued instead of showing progress')
    .addHelpText('after', QUEUE_HELP);
}

/** Runs `batch` through the queue when --queue was given; false otherwise. */
export async function runQueueBatch(file: string, opts: QueueBatchFlags, g: GlobalOptions, w: QueueWiring): Promise<boolean> {
  if (opts.queue === undefined) {
    // Queue-only flags without --queue would be silently ignored by the journal run.
    const stray = (['detach', 'budget', 'queueName'] as const).filter((k) => opts[k] !== undefined);
    if (!stray.length) return false;
    const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    w.setExit(reportProblems(w.outputFor(g), stray.map((k) => ({ path: '', flag: flag(k), message: 'only applies with --queue redis://...' }))));
    return true;
  }
  w.setExit(await (await queueCommands()).queueBatchCommand(file, opts, w.outputFor(g), w.intr));
  return true;
}

export function addQueueCommands(program: Command, batch: Command, w: QueueWiring): void {
  const status = batch
    .command('status')
    .description('counts of the queued jobs by state, and the ones that need a person')
    // --queue and --queue-name are batch's own options (commander hands them to the parent).
    .option('--batch <name>', "only this batch (the jobs file's name without extension)")
    .addHelpText('after', '\nExamples:\n  $ vidu batch status --queue redis://127.0.0.1:6379\n  $ vidu batch status --queue redis://127.0.0.1:6379 --json | jq .counts')
    .action(async (_opts, cmd: Command) => {
      const all = cmd.optsWithGlobals() as GlobalOptions & { queue?: string; queueName?: string; batch?: string };
      w.setExit(await (await queueCommands()).batchStatusCommand(all, w.outputFor(all)));
    });
  w.adopt(status);

  const worker = program
    .command('worker')
    .description('run queued batch jobs (submit, wait, download); start as many as you like, anywhere')
    .requiredOption('--queue <redis-url>', 'the Redis holding the jobs (redis://host:port)')
    .option('-o, --out <dir>', 'directory the videos are saved to (required)')
    .option('--queue-name <name>', 'BullMQ queue name (default vidu)')
    .option('-c, --concurrency <n>', 'steps run at once (a waiting task takes none)', '8')
    .option('--budget <n/window>', 'set the shared request budget of the queue, e.g. 60/60s')
    .option('--timeout <seconds>', 'give up waiting for one task after this long (default 1800)')
    .addHelpText(
      'after',
      `
The provider connection comes from the global options (--provider, --base-url, --api-key or
VIDU_API_KEY). Ctrl-C or SIGTERM stops taking jobs and finishes the running steps; the jobs it
was waiting on stay in Redis and any worker continues them.

Examples:
  $ VIDU_API_KEY=sk-... vidu worker --queue redis://10.0.0.5:6379 --out /data/videos
  $ vidu worker --queue redis://127.0.0.1:6379 --out videos --base-url http://127.0.0.1:4010`,
    )
    .action(async (opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      w.setExit(await (await queueCommands()).workerCommand(opts, g, w.outputFor(g), w.intr));
    });
  w.adopt(worker);
}
