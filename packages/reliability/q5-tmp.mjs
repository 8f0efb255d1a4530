import { runSoak, formatSoak, faultMix } from './src/soak.mjs';
const r = await runSoak({ jobs: 200, seed: 7, faults: faultMix(0.05), refusedRate: 0.05, attemptTimeoutMs: 2000 });
console.log(formatSoak(r));
console.log(JSON.stringify({ w: r.waitsLostDetails, slow: r.slowest, dl: r.downloads }, null, 1));
