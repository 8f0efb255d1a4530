/** The value a local JSON Pointer reference (`#/a/b~1c`) names in `doc`; throws if it names nothing. */
export declare function pointer(doc: unknown, ref: string): unknown;
/** Follows a `$ref` chain; sibling keywords override the target's. */
export declare function resolveRefs<T = unknown>(doc: unknown, node: unknown): { node: T; trail: string[] };
/** The node a `$ref` chain ends at, with sibling keywords merged over it. */
export declare function deref<T = unknown>(doc: unknown, node: unknown): T;
