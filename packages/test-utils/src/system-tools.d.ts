export interface SystemTool {
  /** What tests pass to hasTool(). */
  readonly name: string;
  readonly what: string;
  /** Debian packages that provide it. */
  readonly debian: readonly string[];
  /** The suites that need it. */
  readonly suites: readonly string[];
  present(): boolean;
}
export declare const SYSTEM_TOOLS: readonly SystemTool[];
export declare function isCI(): boolean;
export declare function missingTools(): string[];
/** Whether a suite that needs this tool should run (always true under CI). */
export declare function hasTool(name: 'go' | 'python-jsonschema' | 'python-build' | 'chromium' | 'redis-server'): boolean;
