/**
 * Local image files -> data URLs through the client's node helper `imageFromFile`, which sniffs
 * the format from the bytes and checks the providers' size, dimension and aspect-ratio limits.
 * Its problems come back as plain messages for the CLI's list of problems.
 */
import { imageFromFile, ValidationError } from '@vidukit/client/node';

export async function imageInput(file: string, shownAs: string, opts: { skipMinSide?: boolean } = {}): Promise<string> {
  try {
    return await imageFromFile(file, { name: shownAs, ...(opts.skipMinSide ? { skipMinSide: true } : {}) });
  } catch (error) {
    if (error instanceof ValidationError && error.issues.length > 0) {
      throw new Error(error.issues.map((i) => `${i.path ? `${i.path} ` : ''}${i.message}`).join('; '));
    }
    throw error;
  }
}
