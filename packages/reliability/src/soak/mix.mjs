/**
 * What the soak sends and what it breaks: the job bodies (from the spec's named examples) and
 * the fault mix (every kind the simulator has, on every scope it applies to).
 */
import { FAULT_KINDS, FAULT_SCOPES } from '@vidukit/simulator';
import { OPERATION_EXAMPLES, SUBMIT_OPERATIONS } from '@vidukit/types';

/**
 * Every kind at 7% of the requests it applies to, so that at least 5% are seen in a
 * 1,000-job run whatever the draw. Per scope the simulator requires the rates to add up to
 * at most 1: polls get 13 kinds (91%), submits 9 (63%), downloads 9 (63%).
 */
export const FAULT_RATE = 0.07;

/** The mix: `rate` for every kind on every scope it applies to (the simulator's FAULT_SCOPES). */
export function faultMix(rate = FAULT_RATE) {
  const mix = { submit: {}, read: {}, download: {} };
  for (const kind of FAULT_KINDS) for (const scope of FAULT_SCOPES[kind]) mix[scope][kind] = rate;
  return mix;
}

export const DEFAULT_FAULTS = faultMix();

/** Share of API requests sent to a closed loopback port instead (a real ECONNREFUSED). */
export const DEFAULT_REFUSED_RATE = FAULT_RATE;

export const MARKER = /soak-job-(\d+)/;

/** Appends `marker` to the first `prompt` in `body` (depth first); false when there is none. */
function mark(node, marker) {
  if (Array.isArray(node)) return node.some((item) => mark(item, marker));
  if (!node || typeof node !== 'object') return false;
  if (typeof node.prompt === 'string') {
    node.prompt = `${node.prompt} (${marker})`;
    return true;
  }
  return Object.values(node).some((v) => mark(v, marker));
}

/** Per operation, its named examples that have a prompt to carry a marker (cloned per job). */
const EXAMPLES = new Map(
  SUBMIT_OPERATIONS.map((op) => {
    const usable = Object.values(OPERATION_EXAMPLES[op.operationId] ?? {}).filter((ex) => mark(structuredClone(ex), 'probe'));
    return [op.operationId, usable];
  }),
);

/**
 * Job n: the spec's submit operations in turn, each with its named examples in turn (those with
 * a prompt), the job's marker in the first prompt, so every task the simulator creates traces
 * back to its job.
 */
export function jobBody(n) {
  const op = SUBMIT_OPERATIONS[n % SUBMIT_OPERATIONS.length];
  const examples = EXAMPLES.get(op.operationId);
  if (examples.length === 0) throw new Error(`the spec gives no request example with a prompt for ${op.operationId}`);
  const body = structuredClone(examples[Math.floor(n / SUBMIT_OPERATIONS.length) % examples.length]);
  mark(body, `soak-job-${n}`);
  return { op: op.operationId, body };
}
