// vitest globalSetup: provides `contractBaseUrl` to the tests. With VIDU_CONTRACT_BASE_URL set,
// the same suite runs against that server instead (for example a Prism proxy in front of a
// real provider), and no mock is started.
import { startPrism } from './prism.js';

/** @param {import('vitest/node').TestProject} project */
export default async function setup(project) {
  const external = process.env.VIDU_CONTRACT_BASE_URL;
  if (external) {
    project.provide('contractBaseUrl', external.replace(/\/$/, ''));
    project.provide('contractIsMock', false);
    return;
  }
  const prism = await startPrism();
  project.provide('contractBaseUrl', prism.url);
  project.provide('contractIsMock', true);
  return () => prism.stop();
}
