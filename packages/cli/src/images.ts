/**
 * Local image files -> data URLs through the client's node helper `imageFromFile`, which sniffs
 * the format from the bytes and checks the providers' size, dimension and aspect-ratio limits.
 * Its problems come back as plain messages for the CLI's list of problems.
 */
import { imageFromFile, ValidationError } from '@vidukit/client/node';
import { fsMessage } from './body/problems.js';

export async function imageInput(file: string, shownAs: string, opts: { skipMinSide?: boolean } = {}): Promise<string> {
  try {
    return await imageFromFile(file, { name: shownAs, ...(opts.skipMinSide ? { skipMinSide: true } : {}) });
  } catch (error) {
    if (error instanceof ValidationError && error.issues.length > 0) {
      throw new Error(error.issues.map((i) => `${i.path ? `${i.path} ` : ''}${i.message}`).join('; '));
    }
    // A file-system error (EACCES, EISDIR, ...) as a sentence naming the file, not Node's raw text.
    const cause = (error as { cause?: unknown }).cause;
    const errno = (error as NodeJS.ErrnoException).code ? error : (cause as NodeJS.ErrnoException | undefined)?.code ? cause : undefined;
    if (errno) throw new Error(fsMessage(errno, 'read', shownAs));
    throw error;
  }
}
