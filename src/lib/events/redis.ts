import "server-only";
// Redis over TCP (REDIS_URL): events are appended to a capped stream per topic and fanned out with
// PUBLISH in the same script; each instance holds one subscriber connection for the topics it listens to.
import { createRedisConnection, RedisBackend } from "@/lib/cache/redis";
import { elapsedMs, errorMessage } from "@/lib/health";
import { logger } from "@/lib/logger";
import { createRemoteLog, parseBody } from "./remote-log";
import type { BusEvent, EventBus } from "./types";

export function createRedisBus({ url, keyPrefix = "events:", timeoutMs = 2000 }: { url: string; keyPrefix?: string; timeoutMs?: number }): EventBus {
  const remote = new RedisBackend({ url, timeoutMs });
  const log = createRemoteLog({ remote, keyPrefix });
  // A second connection: one in subscriber mode can run nothing but (un)subscribe.
  const sub = createRedisConnection({ url, timeoutMs });
  const listeners = new Map<string, Set<(e: BusEvent) => void>>();
  let connecting: Promise<void> | null = null;
  const ready = async () => {
    if (sub.status === "ready") return;
    if (sub.status === "wait" || sub.status === "end") connecting ??= sub.connect().finally(() => (connecting = null));
    await connecting;
  };
  sub.on("message", (channel: string, message: string) => {
    const nl = message.indexOf("\n");
    const event = nl > 0 ? parseBody(message.slice(0, nl), message.slice(nl + 1)) : null;
    if (!event) return;
    for (const fn of listeners.get(channel) ?? []) {
      try {
        fn(event);
      } catch (err) {
        logger.warn("event subscriber threw", { topic: event.topic, err });
      }
    }
  });
  return {
    backend: "redis",
    publish: ({ topic, type, data }) => log.append({ topic, type, data, fanOut: true }),
    async subscribe({ topic, onEvent }) {
      const channel = log.key(topic);
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        await ready();
        await sub.subscribe(channel);
      }
      set.add(onEvent);
      return async () => {
        set.delete(onEvent);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          if (sub.status === "ready") await sub.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    since: ({ topic, afterId, limit }) => log.after({ topic, afterId, limit }),
    async health() {
      const started = performance.now();
      try {
        await remote.ping();
        return { status: "up", backend: "redis", latencyMs: elapsedMs(started), detail: `pub/sub, ${listeners.size} topics subscribed here` };
      } catch (err) {
        return { status: "down", backend: "redis", latencyMs: null, detail: errorMessage(err) };
      }
    },
    async close() {
      listeners.clear();
      sub.disconnect();
      await remote.close();
    },
  };
}
