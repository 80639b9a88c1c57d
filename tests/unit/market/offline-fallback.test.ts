// With no network a quote must come from the shipped set at once: the first DNS or connect failure marks
// the process offline and later requests skip the live providers without trying them.
import { createServer } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { getStock } from "@/server/market";
import { runChain } from "@/server/market/chain";
import { isOnline, markOffline, OFFLINE_FOR_MS, probeConnectivity } from "@/server/market/online";
import { shippedBars } from "@/server/market/providers/shipped";
import type { AppError } from "@/lib/errors";
import { KEYS } from "@/server/market/keys";
import { rememberGood } from "@/server/market/last-good";
import { clearMarketKeys, readCsv, useProviders } from "./setup";

/** A local port nobody listens on: connecting to it is refused at once (ECONNREFUSED). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const UNRESOLVABLE = "http://stock-hub-offline-test.invalid"; // .invalid never resolves (RFC 6761)

describe("offline fallback", () => {
  beforeEach(async () => {
    await clearMarketKeys(["AAPL", "MSFT", "NVDA"]);
  });

  // firstLimitMs: the first request pays for one failing DNS lookup or connect (no retries once offline);
  // after the start-up probe (what the server does, src/instrumentation.ts) even the first request does not.
  for (const [what, base, probe, firstLimitMs] of [
    ["connection refused, no probe", async () => `http://127.0.0.1:${await closedPort()}`, false, 1500],
    ["DNS failure (ENOTFOUND) after the start-up probe", async () => UNRESOLVABLE, true, 1000],
    ["DNS failure (ENOTFOUND), no probe", async () => UNRESOLVABLE, false, 2000],
  ] as const) {
    it(`answers a quote from the shipped set at once (${what}), then skips the network`, async () => {
      useProviders({ order: "yahoo", env: { YAHOO_BASE_URL: await base() } });
      expect(isOnline()).toBe(true);
      if (probe) expect(await probeConnectivity(new URL(UNRESOLVABLE).hostname)).toBe(false);
      shippedBars("AAPL"); // parsed outside the timing: the figure is the fallback's own cost
      const t0 = performance.now();
      const s = await getStock({ symbol: "AAPL" });
      const firstMs = performance.now() - t0;
      expect(s.source).toBe("shipped");
      expect(s.price).toBeCloseTo(readCsv("AAPL").at(-1)!.close, 6);
      expect(firstMs).toBeLessThan(firstLimitMs);
      expect(isOnline()).toBe(false);

      // Later requests do not try the network at all (their time is the shipped set's own).
      const r = await runChain({ op: "quote", symbol: "MSFT", call: (p) => p.quote("MSFT") });
      expect(r.source).toBe("shipped");
      expect(r.fellThrough).toEqual(["yahoo: skipped (offline)"]);
      const t1 = performance.now();
      const again = await runChain({ op: "quote", symbol: "AAPL", call: (p) => p.quote("AAPL") });
      const laterMs = performance.now() - t1;
      expect(again.fellThrough).toEqual(["yahoo: skipped (offline)"]);
      expect(laterMs).toBeLessThan(100);
      // Recorded in docs/operations.md ("Offline fallback").
      console.log(`offline fallback (${what}): first quote ${firstMs.toFixed(0)} ms, next ${laterMs.toFixed(1)} ms`);
      // When the mark expires a background DNS probe decides; until it answers, requests still skip the network.
      expect(isOnline(Date.now() + OFFLINE_FOR_MS + 1)).toBe(false);
    });
  }

  it("comes back online once the mark has expired and the failed host resolves again", async () => {
    useProviders({});
    markOffline("127.0.0.1: ECONNREFUSED", "127.0.0.1");
    expect(isOnline()).toBe(false);
    expect(isOnline(Date.now() + OFFLINE_FOR_MS + 1)).toBe(false); // starts the probe, answers at once
    expect(await probeConnectivity("127.0.0.1")).toBe(true);
    expect(isOnline()).toBe(true);
  });

  it("offline, a symbol the shipped set lacks is unknown (as without live providers) unless a last good quote is held", async () => {
    useProviders({ order: "yahoo", env: { YAHOO_BASE_URL: UNRESOLVABLE } });
    await clearMarketKeys(["SPOT", "ZZZZ"]);
    expect(await probeConnectivity(new URL(UNRESOLVABLE).hostname)).toBe(false);
    const err = await getStock({ symbol: "ZZZZ" }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("not_found");
    await rememberGood(KEYS.quote("SPOT"), { symbol: "SPOT", price: 472.89, source: "yahoo", asOf: "2026-10-02T20:00:03.000Z", historical: false });
    expect(await getStock({ symbol: "SPOT" })).toMatchObject({ symbol: "SPOT", price: 472.89, source: "yahoo", stale: true });
  });

  it("a keyed provider's connect failure marks the process offline too", async () => {
    useProviders({ keys: ["finnhub"], order: "finnhub", env: { FINNHUB_BASE_URL: `http://127.0.0.1:${await closedPort()}` } });
    const r = await runChain({ op: "quote", symbol: "NVDA", call: (p) => p.quote("NVDA") });
    expect(r.source).toBe("shipped");
    expect(r.fellThrough[0]).toMatch(/^finnhub: /);
    expect(isOnline()).toBe(false);
  });

  it("the start-up probe marks the process offline when the host does not resolve", async () => {
    useProviders({});
    expect(await probeConnectivity("stock-hub-offline-test.invalid")).toBe(false);
    expect(isOnline()).toBe(false);
  });
});
