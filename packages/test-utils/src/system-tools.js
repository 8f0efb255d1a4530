// The one list of tools the test suites need that are not npm packages: how to tell whether a
// tool is here, which Debian packages install it, and which suites need it. scripts/test.mjs
// (the README's `npm test`) reads it to install or report what is missing; tests call hasTool()
// so a suite is skipped only when its own tool is missing, and never under CI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * Exit status 0 within 20 s, without a shell.
 * @param {string} cmd
 * @param {string[]} args
 */
function runs(cmd, args) {
  try {
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
    return r.status === 0;
  } catch {
    return false;
  }
}

/** @param {string} modules */
const pythonImports = (modules) => existsSync(DEBIAN_PYTHON) && runs(DEBIAN_PYTHON, ['-c', `import ${modules}`]);

/**
 * @typedef {object} SystemTool
 * @property {string} name        what tests pass to hasTool()
 * @property {string} what        a few words for people
 * @property {string[]} debian    Debian packages that provide it
 * @property {string[]} suites    the suites that need it (package: file, what)
 * @property {() => boolean} present
 */

/** @type {readonly SystemTool[]} */
export const SYSTEM_TOOLS = Object.freeze([
  {
    name: 'go',
    what: 'Go toolchain (go, gofmt)',
    debian: ['golang-go'],
    suites: [
      '@vidukit/openapi: test/cross-language.test.ts (Go models decode every named example)',
      '@vidukit/openapi: test/models-drift.test.ts (Go half of the generated-models drift check)',
      '@vidukit/consumers: test/other-languages.test.ts (the Go module from the packed tarball, the README\'s Go commands)',
      '@vidukit/examples: test/examples.test.ts (examples/go)',
    ],
    present: () => runs('go', ['version']) || runs('/usr/lib/go/bin/go', ['version']),
  },
  {
    name: 'python-jsonschema',
    what: "Debian's Python 3 with jsonschema",
    debian: ['python3', 'python3-jsonschema'],
    suites: [
      '@vidukit/openapi: test/cross-language.test.ts (Python verdicts and models)',
      '@vidukit/consumers: test/other-languages.test.ts (validate() over the corpus in a venv that reuses it)',
    ],
    present: () => pythonImports('jsonschema') && runs(DEBIAN_PYTHON, ['-c', 'from jsonschema import Draft202012Validator']),
  },
  {
    name: 'python-build',
    what: "Debian's Python 3 packaging tools (venv, pip, setuptools, wheel)",
    debian: ['python3', 'python3-venv', 'python3-pip', 'python3-setuptools', 'python3-wheel'],
    suites: [
      '@vidukit/consumers: test/other-languages.test.ts (wheel and sdist built offline, installed into fresh venvs; the README\'s pip commands)',
      '@vidukit/examples: test/examples.test.ts (examples/python)',
    ],
    present: () => pythonImports('venv, ensurepip, setuptools, wheel') && runs(DEBIAN_PYTHON, ['-m', 'pip', '--version']),
  },
  {
    name: 'chromium',
    what: 'Chromium (headless browser tests)',
    debian: ['chromium'],
    suites: [
      '@vidukit/consumers: test/browser.test.ts (client and polling in a real browser)',
      '@vidukit/examples: test/examples.test.ts (examples/browser)',
      '@vidukit/cli: test/report-browser.test.ts (the batch report page in a real browser)',
    ],
    present: () => runs(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']),
  },
  {
    name: 'redis-server',
    what: 'Redis server (queue tests)',
    debian: ['redis-server'],
    suites: [
      '@vidukit/queue: every suite (BullMQ on a real redis-server)',
      '@vidukit/cli: test/queue.test.ts (vidu batch --queue, vidu worker, vidu batch status)',
    ],
    present: () => runs('redis-server', ['--version']) || runs('/usr/bin/redis-server', ['--version']),
  },
]);

/** Whether CI is asking: then nothing may be skipped. */
export const isCI = () => /^(1|true)$/i.test(process.env.CI ?? '');

/** The names of the tools that are not here (runs every check). */
export function missingTools() {
  return SYSTEM_TOOLS.filter((t) => !t.present()).map((t) => t.name);
}

const cache = new Map();

/**
 * Whether a suite that needs `name` should run. `npm test` checks once and passes its verdict in
 * VIDU_MISSING_TOOLS; run directly (vitest in one package) the check runs here. Under CI this is
 * always true, so a missing tool fails its suite instead of skipping it.
 * @param {string} name
 */
export function hasTool(name) {
  const tool = SYSTEM_TOOLS.find((t) => t.name === name);
  if (!tool) throw new Error(`unknown system tool ${JSON.stringify(name)}: add it to @vidukit/test-utils/src/system-tools.js`);
  if (isCI()) return true;
  const listed = process.env.VIDU_MISSING_TOOLS;
  let here;
  if (listed !== undefined) here = !listed.split(',').includes(name);
  else {
    if (!cache.has(name)) cache.set(name, tool.present());
    here = cache.get(name);
  }
  if (!here) {
    console.warn(`[vidukit] SKIPPED (${tool.what} not found): install with: sudo apt-get install -y ${tool.debian.join(' ')}`);
  }
  return here;
}
