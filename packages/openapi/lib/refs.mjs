// ESM entry of refs.cjs (one implementation for both module systems).
import refs from './refs.cjs';

export const { pointer, resolveRefs, deref } = refs;
