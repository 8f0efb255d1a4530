export declare const SPEC_PATH: string;
export declare function freePort(): Promise<number>;
export interface PrismServer {
  url: string;
  log(): string;
  stop(): Promise<void>;
}
export declare function startPrism(options?: {
  spec?: string;
  port?: number;
  timeoutMs?: number;
  errors?: boolean;
}): Promise<PrismServer>;
