import { createBus } from "@/lib/events";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "../cache/redis-test-env";
import { busContract } from "./bus-contract";

busContract("redis pub/sub over TCP", async () => {
  const keyPrefix = uniquePrefix("events-redis");
  const a = createBus({ backend: "redis", url: redisUrl(), keyPrefix });
  const b = createBus({ backend: "redis", url: redisUrl(), keyPrefix });
  return {
    a,
    b,
    teardown: async () => {
      const conn = await connectRedis();
      await deleteByPrefix(conn, keyPrefix);
      conn.disconnect();
      await a.close();
      await b.close();
    },
  };
});
