// The 404 pages suggest symbols; each suggestion must be one the shipped data set (the default source) serves.
import { afterEach, describe, expect, it } from "vitest";
import { availableSymbols, exampleSymbols } from "@/components/market/example-symbols";
import { resetServicesForTests } from "@/lib/services";
import { getStock } from "@/server/market";
import { shippedTickers } from "@/server/market/providers/shipped";
import { useProviders } from "./setup";

describe("404 page example symbols", () => {
  afterEach(() => {
    delete process.env.WATCHLIST;
    void resetServicesForTests({ keep: "all" });
  });

  it("are three symbols of the shipped data set, each with a quote", async () => {
    useProviders();
    const examples = exampleSymbols();
    expect(examples).toEqual(["AAPL", "MSFT", "GOOGL"]);
    const known = shippedTickers();
    for (const s of examples) {
      expect(known.has(s), s).toBe(true);
      const q = await getStock({ symbol: s });
      expect(q).toMatchObject({ symbol: s, source: "shipped", historical: true });
      expect(q.price).toBeGreaterThan(0);
    }
  });

  it("follow the configured watchlist", () => {
    useProviders({ env: { WATCHLIST: "IBM,jnj,$$$,V" } });
    expect(exampleSymbols()).toEqual(["IBM", "JNJ", "V"]);
  });

  it("search's 'no matches' hint lists the shipped set and the watchlist, once each, sorted", () => {
    useProviders({ env: { WATCHLIST: "AAPL,BRK.B" } });
    const all = availableSymbols();
    expect(all).toHaveLength(24);
    expect(all.slice(0, 4)).toEqual(["AAPL", "ADBE", "AMD", "AMZN"]);
    expect(all).toContain("BRK.B");
    expect(all.at(-1)).toBe("WMT");
  });
});
