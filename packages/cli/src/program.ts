/**
 * The `vidu` command line: commander wiring only. Each command lives in `commands/` and
 * returns its exit code; `run(argv)` returns it too, so the CLI can be driven from code.
 * Commands are imported when they run: `vidu --version` and `vidu models` load neither the
 * client, polling nor the simulator, so they start fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { addQueueCommands, addQueueOptions, runQueueBatch } from './commands/queue-program.js';
import type { GlobalOptions } from './connection.js';
import { EXIT } from './exit-codes.js';
import { installInterrupt, type InterruptScope } from './interrupt.js';
import { Output, type Streams } from './output.js';
import { jobOptions, onlyGlobals } from './program-options.js';
import { PROVIDERS } from './providers.js';
import { MODEL_NAMES } from './spec.js';
import { VERSION } from './version.js';


const GLOBAL_HELP = `
Connection:
  Without VIDU_API_KEY, --api-key and --base-url, \`generate\` and \`batch\` run against an
  embedded simulator (nothing billed). With a key they call the provider (default novita).

Exit codes:
  0 done   1 API or task failure   2 invalid input (every problem listed)
  3 batch journal not writable (the task ids it lacks are printed)   130 interrupted

Examples:
  $ vidu generate q2-pro-fast --prompt "@1 waves" --subject 1=me.png --out wave.mp4
  $ VIDU_API_KEY=sk-... vidu generate q1-reference --provider highwayapi --prompt "a cat yawns" --image cat.png
  $ id=$(vidu submit q1-reference --base-url http://127.0.0.1:4010 --prompt "a cat" --image cat.png)
  $ vidu status 2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f --json
  $ vidu batch jobs.jsonl --concurrency 8
  $ vidu report jobs.journal.jsonl
  $ vidu models q2-pro-multiframe
  $ vidu mock --port 4010`;

export interface RunOptions extends Partial<Streams> {}

/**
 * Runs `vidu` with these arguments (without `node` and the script); resolves with the exit code.
 *
 * @example
 * ```ts
 * import { run } from '@vidukit/cli';
 *
 * const exitCode = await run(['models', '--json']); // prints to process.stdout, as `vidu models --json` would
 * console.log(exitCode); // 0
 * ```
 */
export async function run(argv: readonly string[], io: RunOptions = {}): Promise<number> {
  const streams: Streams = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
  };
  const wantsJson = argv.includes('--json');
  let exitCode: number = EXIT.ok;
  const intr: InterruptScope = installInterrupt();
  const outputFor = (g: GlobalOptions) => new Output(streams, g.json === true);

  const program = new Command('vidu')
    .description('Generate Vidu videos on Novita-compatible providers: validate, submit, follow, download.')
    .version(VERSION, '-V, --version')
    .option('--json', 'print one JSON document on stdout (logs stay on stderr)')
    .addOption(new Option('--provider <name>', 'provider host to call').choices(PROVIDERS))
    .option('--base-url <url>', 'API base URL (overrides --provider), e.g. a simulator from `vidu mock`')
    .option('--api-key <key>', 'API key (default: $VIDU_API_KEY); never printed')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
    })
    .exitOverride()
    .addHelpText('after', GLOBAL_HELP);

  const generate = program
    .command('generate')
    .description('submit one video task, show its progress and download the video')
    .argument('<model>', `one of ${MODEL_NAMES.join(', ')}`);
  jobOptions(generate)
    .option('-o, --out <file.mp4>', 'where to save the video (default: vidu-<task id>.mp4)')
    .option('--timeout <seconds>', 'give up waiting after this long (default 1800; the task keeps running)')
    .addHelpText(
      'after',
      `
Local image paths become data URLs; http(s) and data: URLs are sent as they are. The body is
checked against the spec before anything is sent; every problem is listed (exit 2).
--body job.json (or - for standard input) sends a request body written by hand, for any model.

Examples:
  $ vidu generate q2-pro-fast --prompt "@1 walks through sunflowers" --subject 1=me.png,me-side.png --duration 5 --out walk.mp4
  $ vidu generate q2-reference --prompt "@1 waves" --subject 1=https://example.com/girl.png --voice 1=en_female_bright --audio
  $ vidu generate q1-reference --prompt "the sneaker spins" --image front.png --image side.png --aspect 1:1
  $ vidu generate q2-pro-multiframe --start-image start.png --keyframe k1.png:3:"the camera pushes in" --keyframe k2.png:4
  $ vidu generate q1-reference --body job.json --out cat.mp4
  $ vidu generate q2-pro-fast --prompt "@1 dances" --image me.png --json | jq -r .file`,
    )
    .action(async (model: string, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { generateCommand } = await import('./commands/generate.js');
      exitCode = await generateCommand(model, opts, g, outputFor(g), intr);
    });

  const submit = program
    .command('submit')
    .description('submit one video task and print its id, without waiting (then: vidu wait <id>)')
    .argument('<model>', `one of ${MODEL_NAMES.join(', ')}`);
  jobOptions(submit)
    .option('-o, --out <file.mp4>', 'only shown in the printed `vidu wait` command')
    .addHelpText(
      'after',
      `
Prints the task id alone on stdout (with --json: {"taskId", "wait", ...}). Needs a provider key
or --base-url: the embedded simulator would end with this process.

Examples:
  $ id=$(vidu submit q1-reference --prompt "a cat yawns" --image https://example.com/cat.png)
  $ vidu wait "$id" --out cat.mp4
  $ vidu submit q2-pro-fast --body job.json --base-url http://127.0.0.1:4010 --json | jq -r .taskId`,
    )
    .action(async (model: string, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { submitCommand } = await import('./commands/submit.js');
      exitCode = await submitCommand(model, opts, g, outputFor(g));
    });

  program
    .command('status')
    .description("print a task's status, progress and video URLs")
    .argument('<task_id>')
    .addHelpText('after', '\nExamples:\n  $ vidu status 2f6c1a8e-1b2d-4c3e-9f00-7a1b2c3d4e5f\n  $ vidu status <task_id> --json | jq -r .status\n\nExits 0 whenever the task was read, whatever its status.')
    .action(async (taskId: string, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { statusCommand } = await import('./commands/tasks.js');
      exitCode = await statusCommand(taskId, g, outputFor(g), intr);
    });

  program
    .command('wait')
    .description('wait for a task to finish (and download its video with --out)')
    .argument('<task_id>')
    .option('-o, --out <file.mp4>', 'download the video here when it is done')
    .option('--timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText('after', '\nExamples:\n  $ vidu wait <task_id> --out video.mp4\n  $ vidu wait <task_id> --base-url http://127.0.0.1:4010 --json')
    .action(async (taskId: string, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { waitCommand } = await import('./commands/tasks.js');
      exitCode = await waitCommand(taskId, opts, g, outputFor(g), intr);
    });

  program
    .command('download')
    .description("download a finished task's video (a fresh URL is fetched when the old one expired)")
    .argument('<task_id>')
    .option('-o, --out <file.mp4>', 'where to save it (default: vidu-<task id>.mp4)')
    .addHelpText('after', '\nExamples:\n  $ vidu download <task_id> --out video.mp4')
    .action(async (taskId: string, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { downloadCommand } = await import('./commands/tasks.js');
      exitCode = await downloadCommand(taskId, opts, g, outputFor(g), intr);
    });

  const batch = program
    .command('batch')
    .description('run one job per line of a JSONL file, N at a time, resumable through a journal')
    .argument('<jobs.jsonl>', 'one job per line: {"model": "...", "prompt": "...", ..., "out": "file.mp4"}')
    .option('-c, --concurrency <n>', 'jobs in flight at once', '4')
    .option('--polls-per-minute <n>', 'status polls a minute for the whole batch (default 60; 6000 for a local server)')
    .option('--journal <file>', 'journal of task ids (default: <jobs>.journal.jsonl beside the jobs file)')
    .option('--timeout <seconds>', 'give up waiting for one task after this long (default 1800)')
    .option('--retry-failed', 'submit again the jobs whose task failed in an earlier run')
    .option('--resubmit-unknown', 'submit again the jobs whose earlier submit has an unknown outcome (may bill twice)')
    .option('--no-report', 'do not write report.html (see `vidu report`) at the end')
    .addHelpText(
      'after',
      `
Job fields: model, prompt, image|images, subjects ({"1": ["a.png"]} or [{"name"|"id", "images",
"voice_id"}]), keyframes (["k.png:3:prompt"] or [{"image", "duration", "prompt"}]), start_image,
duration, resolution, aspect, movement, seed, bgm, audio, watermark, out. Relative paths are
relative to the jobs file.

Every task id is appended to the journal (fsync'd) the moment it is known. Rerun the same
command after an interruption: finished jobs are skipped, submitted ones are waited for, and
nothing is submitted twice.

Examples:
  $ cat jobs.jsonl
  {"model": "q2-pro-fast", "prompt": "@1 waves", "subjects": {"1": ["me.png"]}, "out": "wave.mp4"}
  {"model": "q1-reference", "prompt": "a cat yawns", "images": ["cat.png"], "out": "cat.mp4"}
  $ vidu batch jobs.jsonl --concurrency 8
  $ vidu batch jobs.jsonl --json > summary.json`,
    )
    .action(async (file: string, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      if (await runQueueBatch(file, opts, g, queueWiring)) return;
      const { batchCommand } = await import('./commands/batch.js');
      exitCode = await batchCommand(file, opts, g, outputFor(g), intr);
    });

  const queueWiring = {
    outputFor,
    intr,
    setExit: (code: number) => {
      exitCode = code;
    },
    adopt: (c: Command) => c.configureOutput({ writeOut: (s) => streams.stdout.write(s), writeErr: (s) => streams.stderr.write(s) }).exitOverride().showHelpAfterError('(run with --help for usage)'),
  };
  addQueueOptions(batch);
  addQueueCommands(program, batch, queueWiring);

  program
    .command('report')
    .description('write report.html: every job of a batch with its video, prompt, parameters, status and timings')
    .argument('[journal]', 'the journal of a batch (default: the one *.journal.jsonl in this folder)')
    .option('--jobs <file>', 'the jobs file (default: the one beside the journal)')
    .option('-o, --out <file.html>', 'where to write it (default: report.html beside the videos)')
    .addHelpText(
      'after',
      `
One self-contained file (no network; a strict Content-Security-Policy) that opens from disk or
any static server. Videos load as they scroll into view. \`vidu batch\` writes it at the end
unless --no-report.

Examples:
  $ vidu report jobs.journal.jsonl
  $ vidu report --out /tmp/review.html`,
    )
    .action(async (journal: string | undefined, opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { reportCommand } = await import('./commands/report.js');
      exitCode = reportCommand(journal, opts, g, outputFor(g));
    });

  program
    .command('models')
    .description('the models with their options, limits and defaults, read from the OpenAPI spec')
    .argument('[model]', 'show one model only')
    .addHelpText('after', '\nExamples:\n  $ vidu models\n  $ vidu models q1-reference --json')
    .configureHelp(onlyGlobals('--json'))
    .action(async (model: string | undefined, _opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { modelsCommand } = await import('./commands/models.js');
      exitCode = modelsCommand(model, outputFor(g));
    });

  program
    .command('mock')
    .description('run the simulator in the foreground (Ctrl-C stops it)')
    .option('--port <n>', 'port (default: a free one)')
    .option('--host <addr>', 'interface (default 127.0.0.1); any other address without --api-key exposes the simulator to anyone who can reach it')
    .option('--queued-ms <n>', 'time a task stays queued (default 1000)')
    .option('--processing-ms <n>', 'time a task stays processing (default 3000)')
    .option('--ttl <seconds>', 'video URL lifetime (default 3600)')
    .option('--failure-rate <p>', 'share of tasks that fail, 0..1 (default 0)')
    .option('--fail-marker <text>', 'prompts containing this fail (default "[fail]")')
    .option('--seed <n>', 'seed for failures and ids (default 1)')
    .configureHelp(onlyGlobals('--json', '--api-key'))
    .addHelpText(
      'after',
      `
--api-key here is the key the simulator requires of its callers. Without it, anyone who can
reach --host can use the simulator: keep the default 127.0.0.1, or set --api-key with any other.

Examples:
  $ vidu mock --port 4010
  $ vidu generate q1-reference --prompt "a cat" --image cat.png --base-url http://127.0.0.1:4010`,
    )
    .action(async (opts, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const { mockCommand } = await import('./commands/mock.js');
      // The simulator's own --api-key is the global one here (the key it requires).
      exitCode = await mockCommand({ ...opts, ...(g.apiKey ? { apiKey: g.apiKey } : {}) }, outputFor(g), intr);
    });

  // Subcommands share the root's output settings and error handling.
  for (const sub of program.commands) {
    sub.configureOutput({ writeOut: (s) => streams.stdout.write(s), writeErr: (s) => streams.stderr.write(s) }).exitOverride();
    sub.showHelpAfterError('(run with --help for usage)');
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      if (wantsJson) {
        streams.stdout.write(`${JSON.stringify({ ok: false, exitCode: EXIT.invalid, error: { name: 'UsageError', message: error.message } }, null, 2)}\n`);
      }
      return EXIT.invalid;
    }
    const { reportFailure } = await import('./failure.js');
    return reportFailure(new Output(streams, wantsJson), error);
  } finally {
    intr.dispose();
  }
}
