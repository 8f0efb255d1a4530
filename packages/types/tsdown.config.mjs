import { packageConfig } from '../../tsdown.base.mjs';

export default packageConfig();
