import { beforeEach, describe, expect, it } from "vitest";
import { getIntraday, getTimeseries } from "@/server/market";
import { downsampleByCount } from "@/server/market/bars";
import { clearMarketKeys, readCsv, useProviders, type CsvRow } from "./setup";

function merged(rows: CsvRow[]) {
  return {
    date: rows.at(-1)!.date,
    open: rows[0]!.open,
    high: Math.max(...rows.map((r) => r.high)),
    low: Math.min(...rows.map((r) => r.low)),
    price: rows.at(-1)!.close,
    volume: rows.reduce((a, r) => a + r.volume, 0),
  };
}

describe("timeseries ranges on the shipped set", () => {
  const rows = readCsv("AAPL");
  beforeEach(async () => {
    useProviders();
    await clearMarketKeys(["AAPL", "META", "ZZZZ"]);
  });

  it("anchors windows at the data's as-of date: 1Y is 2023-03-08..2024-03-08 at daily resolution", async () => {
    const ts = await getTimeseries({ symbol: "AAPL", range: "1Y" });
    const expected = rows.filter((r) => r.date >= "2023-03-08");
    expect(ts).toMatchObject({ symbol: "AAPL", range: "1Y", resolution: "1day", source: "shipped", asOf: "2024-03-08", historical: true });
    expect(ts.points.map((p) => p.date)).toEqual(expected.map((r) => r.date));
    expect(ts.points[0]!.date).toBe("2023-03-08");
    expect(ts.points.at(-1)).toEqual({ date: "2024-03-08", price: expected.at(-1)!.close, open: expected.at(-1)!.open, high: expected.at(-1)!.high, low: expected.at(-1)!.low, volume: expected.at(-1)!.volume });
  });

  it("serves the intraday ranges from daily bars when no provider has intraday data, and says so", async () => {
    const d1 = await getTimeseries({ symbol: "AAPL", range: "1D" });
    expect(d1.resolution).toBe("1day");
    expect(d1.points.map((p) => p.date)).toEqual(rows.slice(-5).map((r) => r.date));
    const w1 = await getTimeseries({ symbol: "AAPL", range: "1W" });
    expect(w1.resolution).toBe("1day");
    expect(w1.points.map((p) => p.date)).toEqual(rows.filter((r) => r.date >= "2024-03-01").map((r) => r.date));
    const m1 = await getTimeseries({ symbol: "AAPL", range: "1M" });
    expect(m1.resolution).toBe("1day");
    expect(m1.points[0]!.date).toBe(rows.find((r) => r.date >= "2024-02-08")!.date);
    const intraday = await getIntraday({ symbol: "AAPL" });
    expect(intraday).toMatchObject({ interval: "1day", source: "shipped", historical: true });
    expect(intraday.points).toEqual(d1.points);
  });

  it("starts YTD at the first session of the as-of year", async () => {
    const ts = await getTimeseries({ symbol: "AAPL", range: "YTD" });
    expect(ts.points[0]!.date).toBe(rows.find((r) => r.date >= "2024-01-01")!.date);
    expect(ts.points).toHaveLength(rows.filter((r) => r.date >= "2024-01-01").length);
  });

  it("aggregates 2Y, 5Y and 10Y into 2/5/10-session OHLCV bars anchored at the newest session", async () => {
    for (const [range, size, from] of [["2Y", 2, "2022-03-08"], ["5Y", 5, "2019-03-08"], ["10Y", 10, "2014-03-08"]] as const) {
      const window = rows.filter((r) => r.date >= from);
      const ts = await getTimeseries({ symbol: "AAPL", range });
      expect(ts.resolution).toBe(`${size}day`);
      expect(ts.asOf).toBe("2024-03-08"); // the newest session inside the last merged bar
      expect(ts.points).toHaveLength(Math.ceil(window.length / size));
      // Newest bar: the last `size` sessions.
      expect(ts.points.at(-1)).toEqual(merged(window.slice(-size)));
      // Oldest bar: whatever is left over at the start of the window.
      const rest = window.length % size || size;
      expect(ts.points[0]).toEqual(merged(window.slice(0, rest)));
    }
  });

  it("keeps total volume and the extreme prices when downsampling", () => {
    const bars = rows.slice(-100).map((r) => ({ time: r.date, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume }));
    const two = downsampleByCount(bars, 2);
    expect(two.reduce((a, b) => a + b.volume, 0)).toBe(bars.reduce((a, b) => a + b.volume, 0));
    expect(Math.max(...two.map((b) => b.high))).toBe(Math.max(...bars.map((b) => b.high)));
    expect(Math.min(...two.map((b) => b.low))).toBe(Math.min(...bars.map((b) => b.low)));
  });

  it("returns what exists for a symbol with a short history (META listed 2012) rather than failing", async () => {
    const meta = readCsv("META");
    const ts = await getTimeseries({ symbol: "META", range: "10Y" });
    expect(ts.points).toHaveLength(Math.ceil(meta.filter((r) => r.date >= "2014-03-08").length / 10));
  });

  it("rejects unknown ranges listing the valid ones, and unknown symbols with not_found", async () => {
    await expect(getTimeseries({ symbol: "AAPL", range: "3Y" })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("1D, 1W, 1M, 3M, 6M, YTD, 1Y, 2Y, 5Y, 10Y"),
    });
    await expect(getTimeseries({ symbol: "ZZZZ", range: "1Y" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("accepts lower-case ranges", async () => {
    expect((await getTimeseries({ symbol: "AAPL", range: "6m" })).range).toBe("6M");
  });
});
