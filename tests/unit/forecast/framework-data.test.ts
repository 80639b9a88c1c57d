import { describe, expect, it } from "vitest";
import { cleanSeries, listSymbols, readSeriesCsv, seriesFromBars, sliceSeries, type Bar } from "@/server/forecast/data";

const bar = (date: string, close: number, volume = 1000): Bar => ({ date, open: close, high: close * 1.01, low: close * 0.99, close, adjClose: close, volume });

describe("cleanSeries", () => {
  it("drops the AMD 2015-01-02 no-trade filler bar from the shipped CSV and keeps its neighbours", () => {
    const raw = readSeriesCsv({ symbol: "AMD", clean: false });
    const i = raw.dates.indexOf("2015-01-02");
    expect(i).toBeGreaterThan(0);
    // The raw row really is a filler bar: all four prices equal and no volume.
    expect([raw.open[i], raw.high[i], raw.low[i]]).toEqual([raw.close[i], raw.close[i], raw.close[i]]);
    expect(raw.volume[i]).toBe(0);

    const { series, dropped } = cleanSeries(raw);
    expect(dropped).toEqual([{ index: i, date: "2015-01-02", reason: "no_trade" }]);
    expect(series.dates.length).toBe(raw.dates.length - 1);
    expect(series.dates).not.toContain("2015-01-02");
    const j = series.dates.indexOf("2015-01-05");
    expect(series.dates[j - 1]).toBe(raw.dates[i - 1]);
    expect(series.close[j]).toBe(raw.close[i + 1]);
    expect(readSeriesCsv({ symbol: "AMD" }).dates).toEqual(series.dates);
  });

  it("drops non-positive and non-finite prices, duplicate and out-of-order dates, and reports each", () => {
    const raw = seriesFromBars({
      symbol: "TEST",
      bars: [
        bar("2024-01-02", 10),
        bar("2024-01-03", 0),
        bar("2024-01-04", Number.NaN),
        bar("2024-01-05", 11),
        bar("2024-01-05", 12),
        bar("2024-01-03", 13),
        bar("2024-01-08", -1),
        bar("2024-01-09", 14),
      ],
    });
    const { series, dropped } = cleanSeries(raw);
    expect(series.dates).toEqual(["2024-01-02", "2024-01-05", "2024-01-09"]);
    expect(Array.from(series.close)).toEqual([10, 11, 14]);
    expect(dropped.map((d) => [d.index, d.reason])).toEqual([
      [1, "non_positive"],
      [2, "non_finite"],
      [4, "duplicate_date"],
      [5, "not_ascending"],
      [6, "non_positive"],
    ]);
  });

  it("leaves a clean series untouched", () => {
    const raw = readSeriesCsv({ symbol: "MSFT", clean: false });
    const { series, dropped } = cleanSeries(raw);
    expect(dropped).toEqual([]);
    expect(series).toBe(raw);
  });
});

describe("readSeriesCsv", () => {
  it("parses every column of the first and last rows of the file", () => {
    const s = readSeriesCsv({ symbol: "aapl" });
    expect(s.symbol).toBe("AAPL");
    expect(s.dates[s.dates.length - 1]).toBe("2024-03-08");
    const last = s.dates.length - 1;
    expect([s.open[last], s.high[last], s.low[last], s.close[last], s.adjClose[last], s.volume[last]]).toEqual([169, 173.699997, 168.940002, 170.729996, 170.729996, 76114600]);
  });

  it("rejects an unknown symbol with a not_found error", () => {
    expect(() => readSeriesCsv({ symbol: "NOPE" })).toThrowError(/No market data for symbol "NOPE"/);
    expect(() => readSeriesCsv({ symbol: "../etc/passwd" })).toThrowError(/Unknown symbol/);
  });

  it("lists the shipped tickers without tickers.csv", () => {
    const symbols = listSymbols();
    expect(symbols).toContain("AAPL");
    expect(symbols).not.toContain("TICKERS");
    expect(symbols.length).toBeGreaterThanOrEqual(20);
  });
});

describe("sliceSeries", () => {
  it("returns the first `end` bars of every column", () => {
    const s = readSeriesCsv({ symbol: "AAPL" });
    const p = sliceSeries(s, 100);
    expect(p.dates.length).toBe(100);
    expect(p.close.length).toBe(100);
    expect(p.volume.length).toBe(100);
    expect(p.dates[99]).toBe(s.dates[99]);
    expect(p.close[99]).toBe(s.close[99]);
  });
});
