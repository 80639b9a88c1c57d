import "server-only";
// Upstash Redis over REST (hosted, serverless): there is no long-lived connection to subscribe on, so each
// topic with listeners is polled with XRANGE after the last id seen. The stream is the same as on TCP.
import { UpstashBackend } from "@/lib/cache/upstash";
import { elapsedMs, errorMessage } from "@/lib/health";
import { logger } from "@/lib/logger";
import { createRemoteLog } from "./remote-log";
import type { BusEvent, EventBus } from "./types";

interface Poller {
  listeners: Set<(e: BusEvent) => void>;
  lastId: string;
  timer?: NodeJS.Timeout;
  stopped: boolean;
}

export function createUpstashBus({
  url,
  token,
  keyPrefix = "events:",
  timeoutMs = 2000,
  pollMs = 1000,
}: {
  url: string;
  token: string;
  keyPrefix?: string;
  timeoutMs?: number;
  pollMs?: number;
}): EventBus {
  const remote = new UpstashBackend({ url, token, timeoutMs });
  const log = createRemoteLog({ remote, keyPrefix });
  const pollers = new Map<string, Poller>();

  const poll = (topic: string, p: Poller) => {
    if (p.stopped) return;
    p.timer = setTimeout(async () => {
      try {
        const events = await log.after({ topic, afterId: p.lastId });
        for (const e of events) {
          p.lastId = e.id;
          for (const fn of p.listeners) {
            try {
              fn(e);
            } catch (err) {
              logger.warn("event subscriber threw", { topic, err });
            }
          }
        }
      } catch (err) {
        logger.warn("upstash event poll failed", { topic, err: errorMessage(err) });
      }
      poll(topic, p);
    }, pollMs);
    p.timer.unref?.();
  };

  return {
    backend: "upstash",
    publish: ({ topic, type, data }) => log.append({ topic, type, data, fanOut: false }),
    async subscribe({ topic, onEvent }) {
      let p = pollers.get(topic);
      if (!p) {
        p = { listeners: new Set(), lastId: await log.lastId(topic), stopped: false };
        pollers.set(topic, p);
        poll(topic, p);
      }
      p.listeners.add(onEvent);
      const poller = p;
      return async () => {
        poller.listeners.delete(onEvent);
        if (poller.listeners.size === 0 && pollers.get(topic) === poller) {
          poller.stopped = true;
          clearTimeout(poller.timer);
          pollers.delete(topic);
        }
      };
    },
    since: ({ topic, afterId, limit }) => log.after({ topic, afterId, limit }),
    async health() {
      const started = performance.now();
      try {
        await remote.ping();
        return { status: "up", backend: "upstash", latencyMs: elapsedMs(started), detail: `streams polled every ${pollMs} ms, ${pollers.size} topics here` };
      } catch (err) {
        return { status: "down", backend: "upstash", latencyMs: null, detail: errorMessage(err) };
      }
    },
    async close() {
      for (const p of pollers.values()) {
        p.stopped = true;
        clearTimeout(p.timer);
      }
      pollers.clear();
      await remote.close();
    },
  };
}
