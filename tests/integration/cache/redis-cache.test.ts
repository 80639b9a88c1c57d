import { createCache } from "@/lib/cache";
import { cacheContract } from "./cache-contract";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "./redis-test-env";

cacheContract("redis", async () => {
  const conn = await connectRedis();
  const keyPrefix = uniquePrefix("cache-redis");
  const cache = createCache({ backend: "redis", url: redisUrl() }, { keyPrefix, timeoutMs: 2000 });
  return {
    cache,
    raw: (key) => conn.get(key),
    teardown: async () => {
      await deleteByPrefix(conn, keyPrefix);
      await cache.close();
      conn.disconnect();
    },
  };
});
