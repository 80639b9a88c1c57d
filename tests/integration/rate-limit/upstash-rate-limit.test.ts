import { createCache } from "@/lib/cache";
import { startUpstashRestServer } from "../../support/upstash-rest-server";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "../cache/redis-test-env";
import { rateLimitContract } from "./rate-limit-contract";

rateLimitContract("upstash", async () => {
  const conn = await connectRedis();
  const server = await startUpstashRestServer({ redisUrl: redisUrl() });
  const keyPrefix = uniquePrefix("rl-upstash");
  const cache = createCache({ backend: "upstash", url: server.url, token: server.token }, { keyPrefix, timeoutMs: 2000 });
  return {
    cache,
    teardown: async () => {
      const keys = await conn.keys(`${keyPrefix}rl:*`);
      if (keys.length === 0) throw new Error("@upstash/ratelimit wrote no keys through the REST server");
      await deleteByPrefix(conn, keyPrefix);
      await cache.close();
      await server.close();
      conn.disconnect();
    },
  };
});
