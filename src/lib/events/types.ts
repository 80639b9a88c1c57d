// The live-event bus interface (streams, alerts, webhooks subscribe to it). Every backend passes the
// contract in tests/integration/events/bus-contract.ts.
import type { Health } from "@/lib/health";

export interface BusEvent {
  /** "<ms>-<seq>": ordered within a topic, so a stream can resume after Last-Event-ID. */
  id: string;
  topic: string;
  type: string;
  data: unknown;
  /** ISO time of publication. */
  at: string;
}

export type Unsubscribe = () => Promise<void>;

export interface EventBus {
  readonly backend: "memory" | "redis" | "upstash";
  /** Publishes once; every subscriber of the topic on every instance receives it. */
  publish(args: { topic: string; type: string; data: unknown }): Promise<BusEvent>;
  /** Resolves when the subscription is live (events published after that are delivered). */
  subscribe(args: { topic: string; onEvent: (event: BusEvent) => void }): Promise<Unsubscribe>;
  /** Retained events of a topic after `afterId` (oldest first), for resuming a dropped stream. */
  since(args: { topic: string; afterId: string; limit?: number }): Promise<BusEvent[]>;
  health(): Promise<Health>;
  close(): Promise<void>;
}

/** How many events per topic the backends keep for resuming. */
export const RETAINED_PER_TOPIC = 500;

/** Orders two "<ms>-<seq>" ids; malformed ids sort first. */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = splitId(a);
  const [bm, bs] = splitId(b);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

function splitId(id: string): [bigint, bigint] {
  const m = /^(\d{1,20})-(\d{1,20})$/.exec(id);
  return m ? [BigInt(m[1]), BigInt(m[2])] : [-1n, -1n];
}

export const isEventId = (id: string): boolean => /^\d{1,20}-\d{1,20}$/.test(id);
