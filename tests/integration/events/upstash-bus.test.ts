import { createBus } from "@/lib/events";
import { startUpstashRestServer } from "../../support/upstash-rest-server";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "../cache/redis-test-env";
import { busContract } from "./bus-contract";

busContract("upstash streams over REST", async () => {
  const server = await startUpstashRestServer({ redisUrl: redisUrl() });
  const keyPrefix = uniquePrefix("events-upstash");
  const opts = { backend: "upstash" as const, url: server.url, token: server.token, keyPrefix, pollMs: 100 };
  const a = createBus(opts);
  const b = createBus(opts);
  return {
    a,
    b,
    teardown: async () => {
      // Proves the events went through the REST protocol.
      if (!server.requests["/"] && !server.requests["/pipeline"]) throw new Error("the Upstash client never called the REST server");
      const conn = await connectRedis();
      await deleteByPrefix(conn, keyPrefix);
      conn.disconnect();
      await a.close();
      await b.close();
      await server.close();
    },
  };
});
