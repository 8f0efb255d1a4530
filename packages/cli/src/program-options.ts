/** Option sets and help settings shared by several commands of program.ts. */
import { Help, type Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options that make a request body, shared by `generate` and `submit`. */
export function jobOptions(cmd: Command): Command {
  return cmd
    .option('-p, --prompt <text>', 'text prompt (reference subjects as @1, @2, ...)')
    .option('--image <path|url>', 'reference image (q1-reference; on the q2 models, a subject named 1); repeatable', collect)
    .option('--subject <name=path,...>', 'a subject and its reference images (q2-pro-fast, q2-reference); repeatable', collect)
    .option('--voice <name=voice_id>', 'voice of a subject given with --subject; repeatable', collect)
    .option('--keyframe <path:duration:prompt>', 'a keyframe (q2-pro-multiframe), in timeline order; repeatable', collect)
    .option('--start-image <path|url>', 'first frame (q2-pro-multiframe)')
    .option('-d, --duration <seconds>', 'video duration (default: the spec default)')
    .option('-r, --resolution <res>', 'e.g. 540p, 720p, 1080p (see vidu models)')
    .option('-a, --aspect <ratio>', 'aspect ratio, e.g. 16:9, 9:16, 1:1')
    .option('-m, --movement <amplitude>', 'movement amplitude: auto, small, medium, high (large on q1-reference)')
    .option('--seed <n>', 'random seed')
    .option('--bgm', 'add background music')
    .option('--audio', 'generate audio (q2 models)')
    .option('--watermark', 'add a watermark')
    .option('--body <job.json|->', 'the whole request body as JSON (any model; instead of the options above)');
}

/** Help that lists only the global options a command uses. */
export function onlyGlobals(...flags: string[]): Partial<Help> {
  return {
    showGlobalOptions: true,
    sortSubcommands: false,
    visibleGlobalOptions: (cmd: Command) => {
      const help = new Help();
      help.showGlobalOptions = true;
      return help.visibleGlobalOptions(cmd).filter((o) => flags.includes(o.long ?? ''));
    },
  };
}
