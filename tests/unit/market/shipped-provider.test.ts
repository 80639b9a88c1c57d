import { beforeEach, describe, expect, it } from "vitest";
import { getOverview, getStock } from "@/server/market";
import { shippedProvider, shippedTickers, splitCsvLine } from "@/server/market/providers/shipped";
import { clearMarketKeys, readCsv, useProviders } from "./setup";

describe("shipped data set provider", () => {
  beforeEach(async () => {
    useProviders();
    await clearMarketKeys(["AAPL", "MSFT", "TSLA", "ZZZZ"]);
  });

  it("serves the last close of the CSV as the quote, against the previous bar", async () => {
    for (const symbol of ["AAPL", "MSFT"]) {
      const rows = readCsv(symbol);
      const last = rows[rows.length - 1]!;
      const prev = rows[rows.length - 2]!;
      const s = await getStock({ symbol });
      expect(s.time).toBe(last.date);
      expect(s.price).toBeCloseTo(last.close, 6);
      expect(s.previousClose).toBeCloseTo(prev.close, 6);
      expect(s.change).toBeCloseTo(last.close - prev.close, 3);
      expect(s.changePercent).toBeCloseTo(((last.close - prev.close) / prev.close) * 100, 3);
      expect(s).toMatchObject({ source: "shipped", asOf: "2024-03-08", historical: true });
    }
    expect((await getStock({ symbol: "AAPL" })).price).toBeCloseTo(170.73, 2);
    expect((await getStock({ symbol: "msft" })).price).toBeCloseTo(406.22, 2);
  });

  it("returns about a month of daily closes as history, ending at the as-of date", async () => {
    const rows = readCsv("AAPL").filter((r) => r.date >= "2024-02-08");
    const s = await getStock({ symbol: "AAPL" });
    expect(s.history.map((h) => h.date)).toEqual(rows.map((r) => r.date));
    expect(s.history.at(-1)!.price).toBeCloseTo(rows.at(-1)!.close, 6);
  });

  it("marks a second read as cached without changing the values", async () => {
    const first = await getStock({ symbol: "AAPL" });
    const second = await getStock({ symbol: "AAPL" });
    expect(first.cached).toBeUndefined();
    expect(second.cached).toBe(true);
    expect(second.price).toBe(first.price);
  });

  it("computes the overview's 52-week range and average volume from the bars", async () => {
    const rows = readCsv("AAPL");
    const year = rows.filter((r) => r.date >= "2023-03-08");
    const recent = rows.slice(-63);
    const o = await getOverview({ symbol: "AAPL" });
    expect(o).toMatchObject({ name: "Apple Inc.", sector: "Information Technology", exchange: "NASDAQ", source: "shipped", historical: true, asOf: "2024-03-08" });
    expect(o.week52High).toBe(Math.max(...year.map((r) => r.high)));
    expect(o.week52Low).toBe(Math.min(...year.map((r) => r.low)));
    expect(o.avgVolume).toBe(Math.round(recent.reduce((a, r) => a + r.volume, 0) / recent.length));
    expect(o.marketCap).toBeUndefined();
  });

  it("reads quoted names from tickers.csv", () => {
    expect(splitCsvLine('TSLA,"Tesla, Inc.",Consumer Discretionary,NASDAQ')).toEqual(["TSLA", "Tesla, Inc.", "Consumer Discretionary", "NASDAQ"]);
    expect(shippedTickers().get("TSLA")?.name).toBe("Tesla, Inc.");
  });

  it("has no intraday bars and no data for symbols outside the set", async () => {
    expect(await shippedProvider.intraday("AAPL", { intervalMin: 1, days: 1 })).toBeNull();
    expect(await shippedProvider.daily("ZZZZ")).toBeNull();
    await expect(getStock({ symbol: "ZZZZ" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getStock({ symbol: "AA$PL" })).rejects.toMatchObject({ code: "bad_request" });
  });
});
