import { createCache } from "@/lib/cache";
import { rateLimitContract } from "./rate-limit-contract";

rateLimitContract("memory", async () => {
  const cache = createCache({ backend: "memory" }, { maxEntries: 1000 });
  return { cache, teardown: () => cache.close() };
});
