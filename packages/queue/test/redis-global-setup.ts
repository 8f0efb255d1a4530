// vitest globalSetup: one redis-server for the run, on a free loopback port, no persistence;
// stopped by its pid at the end. Without redis-server (outside CI) the suites skip loudly.
import type { TestProject } from 'vitest/node';
import { startRedis } from '@vidukit/test-utils/redis';
import { hasTool } from '@vidukit/test-utils/tools';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!hasTool('redis-server')) {
    project.provide('redisUrl', '');
    return;
  }
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
