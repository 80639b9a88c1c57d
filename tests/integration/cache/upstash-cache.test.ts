import { createCache } from "@/lib/cache";
import { startUpstashRestServer } from "../../support/upstash-rest-server";
import { cacheContract } from "./cache-contract";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "./redis-test-env";

cacheContract("upstash", async () => {
  const conn = await connectRedis();
  const server = await startUpstashRestServer({ redisUrl: redisUrl() });
  const keyPrefix = uniquePrefix("cache-upstash");
  const cache = createCache({ backend: "upstash", url: server.url, token: server.token }, { keyPrefix, timeoutMs: 2000 });
  return {
    cache,
    raw: async (key) => {
      // Proves the traffic went through the REST protocol, not around it.
      // (@upstash/redis auto-pipelines, so commands arrive on "/" or "/pipeline".)
      if (!server.requests["/"] && !server.requests["/pipeline"]) throw new Error(`the Upstash client never called the REST server: ${JSON.stringify(server.requests)}`);
      return conn.get(key);
    },
    teardown: async () => {
      await deleteByPrefix(conn, keyPrefix);
      await cache.close();
      await server.close();
      conn.disconnect();
    },
  };
});
