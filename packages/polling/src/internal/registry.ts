/**
 * Remembers which client read each result, so `downloadVideo` can read the task again for a
 * fresh URL without the caller passing the client. A WeakMap: results are not kept alive.
 */
import type { TaskReader } from '../types.js';

const clients = new WeakMap<object, TaskReader>();

export function rememberClient(result: object, client: TaskReader): void {
  clients.set(result, client);
}

export function clientOf(result: object): TaskReader | undefined {
  return clients.get(result);
}
