export declare function freePort(): Promise<number>;
export interface RedisHandle {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM by pid (SIGKILL after 5 s). */
  stop(): Promise<void>;
}
/** `redis-server` on a free loopback port with no persistence; resolves when it is ready. */
export declare function startRedis(): Promise<RedisHandle>;
