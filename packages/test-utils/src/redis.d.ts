export declare function freePort(): Promise<number>;
export interface RedisHandle {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM by pid (SIGKILL after 5 s). */
  stop(): Promise<void>;
}
/**
 * `redis-server` on a free loopback port with no persistence; resolves when it is ready.
 * `port` reuses a port (a restart); `persistDir` turns on the append-only file there.
 */
export declare function startRedis(options?: { port?: number; persistDir?: string }): Promise<RedisHandle>;
