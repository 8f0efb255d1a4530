/** The providers `--provider` accepts; the compiler checks the list against the client's. */
import type { PROVIDER_BASE_URLS, ViduProvider } from '@vidukit/client';

export const PROVIDERS = ['novita', 'highwayapi', 'myrouter'] as const satisfies readonly ViduProvider[];

// Fails to compile when the client gains a provider this list lacks.
type Missing = Exclude<keyof typeof PROVIDER_BASE_URLS, (typeof PROVIDERS)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;
