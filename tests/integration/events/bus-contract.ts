// The contract every event-bus backend passes (memory, Redis pub/sub over TCP, Upstash streams over REST).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent, EventBus } from "@/lib/events";
import { compareEventIds } from "@/lib/events";

export interface BusFixture {
  /** Two buses that stand for two app instances sharing one backend (the same object for memory). */
  a: EventBus;
  b: EventBus;
  teardown(): Promise<void>;
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting for events");
    await new Promise((r) => setTimeout(r, 20));
  }
};

export function busContract(name: string, make: () => Promise<BusFixture>) {
  describe(`event bus contract: ${name}`, () => {
    let f: BusFixture;
    beforeAll(async () => {
      f = await make();
    });
    afterAll(async () => f?.teardown());
    const topic = (tag: string) => `${tag}:${randomBytes(4).toString("hex")}`;

    it("delivers an event published on one instance to a subscriber on the other, with its payload", async () => {
      const t = topic("cross");
      const got: BusEvent[] = [];
      const off = await f.b.subscribe({ topic: t, onEvent: (e) => got.push(e) });
      const sent = await f.a.publish({ topic: t, type: "prediction.updated", data: { symbol: "AAPL", price: 181.25 } });
      await waitFor(() => got.length === 1);
      expect(got[0]).toEqual(sent);
      expect(got[0].data).toEqual({ symbol: "AAPL", price: 181.25 });
      await off();
    });

    it("keeps order, gives increasing ids and does not deliver other topics", async () => {
      const t = topic("order");
      const other = topic("other");
      const got: BusEvent[] = [];
      const off = await f.b.subscribe({ topic: t, onEvent: (e) => got.push(e) });
      for (let i = 0; i < 5; i++) await f.a.publish({ topic: t, type: "n", data: i });
      await f.a.publish({ topic: other, type: "n", data: 99 });
      await waitFor(() => got.length === 5);
      await new Promise((r) => setTimeout(r, 200));
      expect(got.map((e) => e.data)).toEqual([0, 1, 2, 3, 4]);
      for (let i = 1; i < got.length; i++) expect(compareEventIds(got[i].id, got[i - 1].id)).toBe(1);
      await off();
    });

    it("replays the events after a given id (resume after a dropped stream)", async () => {
      const t = topic("resume");
      const sent: BusEvent[] = [];
      for (let i = 0; i < 4; i++) sent.push(await f.a.publish({ topic: t, type: "n", data: i }));
      const after = await f.b.since({ topic: t, afterId: sent[1].id });
      expect(after.map((e) => e.id)).toEqual([sent[2].id, sent[3].id]);
      expect(after.map((e) => e.data)).toEqual([2, 3]);
      expect(await f.b.since({ topic: t, afterId: sent[3].id })).toEqual([]);
      expect((await f.b.since({ topic: t, afterId: "0-0" })).length).toBe(4);
    });

    it("stops delivering after unsubscribe, while other subscribers keep receiving", async () => {
      const t = topic("unsub");
      const first: BusEvent[] = [];
      const second: BusEvent[] = [];
      const off1 = await f.b.subscribe({ topic: t, onEvent: (e) => first.push(e) });
      const off2 = await f.b.subscribe({ topic: t, onEvent: (e) => second.push(e) });
      await f.a.publish({ topic: t, type: "n", data: 1 });
      await waitFor(() => first.length === 1 && second.length === 1);
      await off1();
      await f.a.publish({ topic: t, type: "n", data: 2 });
      await waitFor(() => second.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(first.map((e) => e.data)).toEqual([1]);
      await off2();
    });

    it("reports healthy", async () => {
      expect((await f.a.health()).status).toBe("up");
    });
  });
}
