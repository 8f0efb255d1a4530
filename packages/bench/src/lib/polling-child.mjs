// @ts-check
/**
 * Runs @vidukit/polling's own simulated-clock schedule benchmark (packages/polling/bench,
 * TypeScript loaded through that package's register-ts hook) and prints its verdict as JSON.
 * argv: <tasks> <seed>
 */
const [tasks = '1000', seed = '42'] = process.argv.slice(2);
const url = new URL('../../../polling/bench/simulate.ts', import.meta.url);
const { runBenchmark } = await import(url.href);
const verdict = await runBenchmark(Number(tasks), Number(seed));
console.log(JSON.stringify(verdict));
