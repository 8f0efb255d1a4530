/** Exit codes of every command (kept free of imports: the start-up path reads them). */
import { EXIT_INTERRUPTED } from './interrupt.js';

/** 3: the batch journal could not be written; the task ids it lacks are printed. */
export const EXIT = { ok: 0, failure: 1, invalid: 2, journal: 3, interrupted: EXIT_INTERRUPTED } as const;
