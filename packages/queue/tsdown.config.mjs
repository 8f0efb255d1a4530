import { packageConfig } from '../../tsdown.base.mjs';

// Node only (Redis, files); bullmq and ioredis stay dependencies, never bundled.
export default packageConfig({ platform: 'node', deps: { neverBundle: [/^node:/] } });
