/** Node-only entry: everything from the main entry plus file helpers. */
export * from './index.js';
