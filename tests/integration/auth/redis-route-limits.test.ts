import { connectRedis, deleteByPrefix } from "../cache/redis-test-env";
import { routeLimitContract } from "./route-limits-contract";

// Counters must really be written to Redis; the test's buckets (random IPs and ids) are removed afterwards.
routeLimitContract({
  backend: "redis",
  inspect: async () => {
    const conn = await connectRedis();
    const seen = new Set<string>();
    return {
      keys: async (pattern) => {
        const keys = await conn.keys(pattern);
        keys.forEach((k) => seen.add(k));
        return keys;
      },
      cleanup: async () => {
        for (const p of ["rl:api:ip:10.", "rl:auth:", "rl:test:reset:"]) await deleteByPrefix(conn, p);
        conn.disconnect();
      },
    };
  },
});
