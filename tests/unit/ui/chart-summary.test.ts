// The price chart's text alternative and its change: the last five AAPL sessions of the shipped data set.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chartSummary, rangeChangeOf } from "@/components/chart/chart-summary";
import { toChartBars } from "@/components/chart/chart-time";

const lastFive = toChartBars(
  readFileSync("data/AAPL.csv", "utf8")
    .trim()
    .split("\n")
    .slice(-5)
    .map((line) => {
      const [date, open, high, low, close, , volume] = line.split(",");
      return { date, open: +open, high: +high, low: +low, price: +close, volume: +volume };
    }),
);

describe("price chart summary", () => {
  it("names the range, the first/last close, the high and low with their dates and the change", () => {
    const change = rangeChangeOf({ bars: lastFive, range: "1W", resolution: "1day" });
    expect(change?.percent).toBeCloseTo(-2.496, 3); // 175.10 (03/04) -> 170.73 (03/08)
    expect(chartSummary({ symbol: "AAPL", bars: lastFive, range: "1W", resolution: "1day", change })).toBe(
      "AAPL price chart, 1W (daily bars — no intraday data), 03/04 to 03/08. First $175.10, last $170.73, high $176.90 on 03/04, low $168.49 on 03/07. Change −2.50% since 03/04.",
    );
  });

  it("measures 1D on intraday bars from the previous close, as the quote header does", () => {
    // Two minute bars of 2024-03-08 (14:30 and 20:59 UTC): the session's open and its close of $170.73.
    const minutes = toChartBars([
      { date: "2024-03-08T14:30:00Z", open: 169.0, high: 169.5, low: 168.94, price: 169.4, volume: 1_200_000 },
      { date: "2024-03-08T20:59:00Z", open: 170.6, high: 170.8, low: 170.5, price: 170.73, volume: 2_500_000 },
    ]);
    const change = rangeChangeOf({ bars: minutes, range: "1D", resolution: "1min", previousClose: 169.0 });
    expect(change?.since).toBe("the previous close");
    expect(change?.percent).toBeCloseTo(1.0237, 4); // the header's +1.02% for 03/08
    expect(chartSummary({ symbol: "AAPL", bars: minutes, range: "1D", resolution: "1min", change })).toContain("Change +1.02% since the previous close.");
    // Daily bars never pretend to be a day: the previous close is only used for intraday 1D.
    expect(rangeChangeOf({ bars: lastFive, range: "1D", resolution: "1day", previousClose: 169.0 })?.since).toBe("03/04");
  });

  it("says so when there is nothing to draw", () => {
    expect(chartSummary({ symbol: "AAPL", bars: [], range: "1D", resolution: "1min", change: null })).toBe("AAPL price chart, 1D: no data.");
  });
});
