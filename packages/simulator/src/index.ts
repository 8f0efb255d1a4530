/**
 * @vidukit/simulator: a stateful local stand-in for the Vidu async video API (Node only).
 * Tasks progress on a timeline, succeed with a real MP4 served from the simulator itself under
 * expiring URLs, and seeded fault knobs reproduce what real providers and proxies do.
 *
 * @packageDocumentation
 */
export { startSimulator } from './server.js';
export type { SimulatorHandle, SimulatorCounts, CountedFault, CountedRoute } from './server.js';
export { FAULT_KINDS, FAULT_SCOPES } from './options.js';
export type { SimulatorOptions, FaultOptions, FaultRates, FaultKind, Scope } from './options.js';
export type { TaskSnapshot } from './tasks.js';
export type { SubmitOperationId } from './routes.js';
export { runSimulatorCli } from './cli.js';
export type { CliIo } from './cli.js';
export { sampleVideoPath } from './asset.js';
