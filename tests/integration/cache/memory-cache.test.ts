import { createCache } from "@/lib/cache";
import { cacheContract } from "./cache-contract";

cacheContract("memory", async () => {
  const cache = createCache({ backend: "memory" }, { maxEntries: 1000 });
  return { cache, raw: async (key) => cache.memory.get(key), teardown: () => cache.close() };
});
