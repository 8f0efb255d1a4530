import './contract-context.js';
export default function setup(project: unknown): Promise<void | (() => Promise<void>)>;
