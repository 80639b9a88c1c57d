// In-process bus (embedded default): one process, so a Map of listeners and a ring buffer per topic.
import type { BusEvent, EventBus } from "./types";
import { compareEventIds, RETAINED_PER_TOPIC } from "./types";

export function createMemoryBus({ retain = RETAINED_PER_TOPIC }: { retain?: number } = {}): EventBus {
  const listeners = new Map<string, Set<(e: BusEvent) => void>>();
  const buffers = new Map<string, BusEvent[]>();
  let lastMs = 0;
  let seq = 0;
  const nextId = () => {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      seq = 0;
    } else seq++;
    return `${lastMs}-${seq}`;
  };
  return {
    backend: "memory",
    async publish({ topic, type, data }) {
      const event: BusEvent = { id: nextId(), topic, type, data, at: new Date().toISOString() };
      const buf = buffers.get(topic) ?? [];
      buf.push(event);
      if (buf.length > retain) buf.splice(0, buf.length - retain);
      buffers.set(topic, buf);
      for (const fn of listeners.get(topic) ?? []) {
        // A throwing subscriber must not stop the others or the publisher.
        try {
          fn(event);
        } catch {
          /* the subscriber's own problem */
        }
      }
      return event;
    },
    async subscribe({ topic, onEvent }) {
      const set = listeners.get(topic) ?? new Set();
      set.add(onEvent);
      listeners.set(topic, set);
      return async () => {
        set.delete(onEvent);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    async since({ topic, afterId, limit = RETAINED_PER_TOPIC }) {
      return (buffers.get(topic) ?? []).filter((e) => compareEventIds(e.id, afterId) > 0).slice(0, limit);
    },
    async health() {
      let n = 0;
      for (const s of listeners.values()) n += s.size;
      return { status: "up", backend: "memory", latencyMs: 0, detail: `${n} subscribers in this process` };
    },
    async close() {
      listeners.clear();
      buffers.clear();
    },
  };
}
