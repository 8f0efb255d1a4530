/**
 * @vidukit/cli: the `vidu` command. The programmatic entry runs it in-process and resolves with
 * its exit code: `await run(['status', id, '--json'])`.
 *
 * @packageDocumentation
 */
export { run, type RunOptions } from './program.js';
export { MODELS, MODEL_NAMES, modelInfo, type ModelInfo, type FieldInfo, type ModelName, type ModelOperations } from './spec.js';
export { readJournal, type JournalRecord, type JobState } from './journal.js';
