/**
 * A problem found in what a person typed, before anything is sent: where in the request body,
 * which flag (or batch field) to change, and what is wrong. Kept free of heavy imports: `vidu
 * models` reads FLAG_OF_FIELD and must start fast.
 */
export interface Problem {
  /** Where in the request body (`subjects[0].images`), or `''`. */
  path: string;
  /** The flag (or batch field) a person would change. */
  flag?: string;
  message: string;
}

/** The body field each flag fills, for messages and for checking what a model accepts. */
export const FLAG_OF_FIELD: Record<string, string> = {
  prompt: '--prompt',
  images: '--image',
  subjects: '--subject',
  image_settings: '--keyframe',
  start_image: '--start-image',
  duration: '--duration',
  resolution: '--resolution',
  aspect_ratio: '--aspect',
  movement_amplitude: '--movement',
  seed: '--seed',
  bgm: '--bgm',
  audio: '--audio',
  watermark: '--watermark',
};

export function flagForPath(path: string): string | undefined {
  const head = /^[A-Za-z_]+/.exec(path)?.[0];
  return head ? FLAG_OF_FIELD[head] : undefined;
}

/** A problem with its flag filled in from its path when it has none (for --json and text alike). */
export function withFlag(p: Problem): Problem {
  if (p.flag) return p;
  const flag = flagForPath(p.path);
  return flag ? { ...p, flag } : p;
}

/**
 * A file-system error as a sentence naming the file: `cannot read jobs.jsonl: permission
 * denied (EACCES)` rather than Node's raw `EACCES: permission denied, open '...'`.
 */
export function fsMessage(error: unknown, verb: string, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  const reason = code && why[code] ? `${why[code]} (${code})` : ((error as Error | undefined)?.message ?? String(error));
  return `cannot ${verb} ${file}: ${reason}`;
}
