import { createCache } from "@/lib/cache";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "../cache/redis-test-env";
import { rateLimitContract } from "./rate-limit-contract";

rateLimitContract("redis", async () => {
  const conn = await connectRedis();
  const keyPrefix = uniquePrefix("rl-redis");
  const cache = createCache({ backend: "redis", url: redisUrl() }, { keyPrefix, timeoutMs: 2000 });
  return {
    cache,
    teardown: async () => {
      // The limiter's counters must really live in Redis under the shared key scheme.
      const keys = await conn.keys(`${keyPrefix}rl:*`);
      if (keys.length === 0) throw new Error("no rate-limit keys were written to Redis");
      await deleteByPrefix(conn, keyPrefix);
      await cache.close();
      conn.disconnect();
    },
  };
});
