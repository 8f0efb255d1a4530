/** Absolute paths of the runtime binaries; `undefined` where not installed. */
export declare const runtimes: Readonly<Record<'node22' | 'node24' | 'bun' | 'deno' | 'workerd', string | undefined>>;
