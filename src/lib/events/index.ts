import "server-only";
// `import { bus } from "@/lib/events"`: the live-event bus. Upstash streams when UPSTASH_REDIS_REST_URL/TOKEN
// are set, Redis pub/sub when REDIS_URL is set, else in-process. Built on first use.
import { cacheConfigFromEnv } from "@/lib/cache";
import { processService } from "@/lib/services";
import { createMemoryBus } from "./memory";
import { createRedisBus } from "./redis";
import type { EventBus } from "./types";
import { createUpstashBus } from "./upstash";

export type { BusEvent, EventBus, Unsubscribe } from "./types";
export { compareEventIds, isEventId } from "./types";

export type BusConfig =
  | { backend: "memory" }
  | { backend: "redis"; url: string; keyPrefix?: string }
  | { backend: "upstash"; url: string; token: string; keyPrefix?: string; pollMs?: number };

export function createBus(config: BusConfig): EventBus {
  if (config.backend === "redis") return createRedisBus(config);
  if (config.backend === "upstash") return createUpstashBus(config);
  return createMemoryBus();
}

/** The same backend as the cache: one Redis (or Upstash database) serves both. */
export const busConfigFromEnv = (): BusConfig => cacheConfigFromEnv();

// A process-wide service so dev reloads keep one subscriber connection.
export function getBus(): EventBus {
  return processService("bus", () => createBus(busConfigFromEnv()), (b) => b.close());
}

export const bus: EventBus = {
  get backend() {
    return getBus().backend;
  },
  publish: (args) => getBus().publish(args),
  subscribe: (args) => getBus().subscribe(args),
  since: (args) => getBus().since(args),
  health: () => getBus().health(),
  close: () => getBus().close(),
};
