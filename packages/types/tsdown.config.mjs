import { packageConfig } from '../../tsdown.base.mjs';

// Declarations come from scripts/emit-declarations.mjs (TypeScript's own emit keeps every field
// description on its field; the declaration bundler did not), so the exports map (with types)
// is written by hand and publint runs on the packed tarball in the root test command.
export default packageConfig({ dts: false, exports: false, publint: false });
