// Lets `node --import ./bench/register-ts.mjs bench/x.ts` run the TypeScript sources directly
// (Node 20 cannot strip types): `.ts` files are transpiled with the TypeScript compiler already
// in devDependencies, and `./x.js` imports resolve to `./x.ts` when only the latter exists.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
