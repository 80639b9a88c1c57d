// Where the integration tests find Redis, and per-run key isolation. Tests use REDIS_URL when set,
// else the local default; either way an unreachable Redis fails the run instead of skipping it.
import { randomBytes } from "node:crypto";
import { getEnv } from "@/env";
import { createRedisConnection, type RedisConnection } from "@/lib/cache/redis";

export function redisUrl(): string {
  return getEnv().REDIS_URL ?? "redis://127.0.0.1:6379";
}

export function uniquePrefix(tag: string): string {
  return `test:${tag}:${Date.now()}:${randomBytes(4).toString("hex")}:`;
}

/** A raw connection for inspecting and cleaning keys; throws (failing the suite) when Redis is unreachable. */
export async function connectRedis(): Promise<RedisConnection> {
  const url = redisUrl();
  const conn = createRedisConnection({ url, timeoutMs: 2000 });
  try {
    await conn.connect();
    await conn.ping();
  } catch (err) {
    conn.disconnect();
    throw new Error(`Redis at ${url} is unreachable (${err instanceof Error ? err.message : String(err)}); start it or set REDIS_URL`);
  }
  return conn;
}

export async function deleteByPrefix(conn: RedisConnection, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await conn.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length) deleted += await conn.del(...keys);
  } while (cursor !== "0");
  return deleted;
}
