// Holdings, gains and weights from transactions (average cost, fees counted), the sector mix, and the
// time-weighted comparison with an equal-weight benchmark, on small cases worked out by hand.
import { describe, expect, it } from "vitest";
import { compareWithBenchmark } from "@/server/portfolios/benchmark";
import { portfolioFigures, UNCLASSIFIED, type Trade } from "@/server/portfolios/figures";

const meta = new Map([
  ["AAPL", { name: "Apple Inc.", sector: "Information Technology" }],
  ["MSFT", { name: "Microsoft", sector: "Information Technology" }],
  ["JPM", { name: "JPMorgan Chase", sector: "Financials" }],
]);
const t = (date: string, symbol: string, quantity: number, price: number, fees = 0): Trade => ({ date, symbol, quantity, price, fees });

describe("portfolio figures", () => {
  it("average cost with buy fees, a partial sale realising its gain less its fees, weights and sectors", () => {
    const trades = [t("2023-01-03", "AAPL", 10, 100, 5), t("2023-02-01", "AAPL", 10, 120, 5), t("2023-03-01", "JPM", 4, 150, 2), t("2023-06-01", "AAPL", -5, 130, 3)];
    const f = portfolioFigures({ trades, lastClose: new Map([["AAPL", 140], ["JPM", 100]]), meta });
    // AAPL: cost 1000+5 + 1200+5 = 2210 for 20 shares (110.5 each); selling 5 at 130 less 3 realises 650-3-552.5 = 94.5.
    const aapl = f.holdings.find((h) => h.symbol === "AAPL")!;
    expect(aapl).toMatchObject({ quantity: 15, averageCost: 110.5, costBasis: 1657.5, value: 2100, unrealisedGain: 442.5, realisedGain: 94.5, fees: 13 });
    const jpm = f.holdings.find((h) => h.symbol === "JPM")!;
    expect(jpm).toMatchObject({ quantity: 4, costBasis: 602, value: 400, unrealisedGain: -202, sector: "Financials" });
    expect(f.value).toBe(2500);
    expect(f.gains).toEqual({ realised: 94.5, unrealised: 240.5, total: 335, fees: 15 });
    expect(f.holdings.map((h) => [h.symbol, h.weight])).toEqual([["AAPL", 0.84], ["JPM", 0.16]]);
    expect(f.sectors).toEqual([{ sector: "Information Technology", value: 2100, weight: 0.84 }, { sector: "Financials", value: 400, weight: 0.16 }]);
  });

  it("a symbol sold out leaves only its realised gain; one outside the company facts is not classified", () => {
    const trades = [t("2023-01-03", "MSFT", 2, 200, 1), t("2023-05-01", "MSFT", -2, 250, 1), t("2023-05-02", "ZZZ", 1, 10)];
    const f = portfolioFigures({ trades, lastClose: new Map([["MSFT", 300], ["ZZZ", 12]]), meta });
    expect(f.holdings.map((h) => [h.symbol, h.sector])).toEqual([["ZZZ", UNCLASSIFIED]]);
    expect(f.closed).toEqual([{ symbol: "MSFT", realisedGain: 500 - 1 - 401, fees: 2 }]);
    expect(f.gains.total).toBe(98 + 2);
  });
});

describe("the benchmark comparison", () => {
  const days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"];
  const series = (symbol: string, close: number[]) => ({ symbol, dates: days, close });
  it("is time-weighted: money added later is not performance, and the benchmark is the mean daily return", () => {
    // Bought 1 A on day 1 at 100; 1 more on day 3. A: 100, 110, 121, 121 -> +10%, +10%, 0%: TWR +21%.
    const trades = [t("2024-01-02", "A", 1, 100), t("2024-01-04", "A", 1, 121)];
    const a = series("A", [100, 110, 121, 121]);
    const b = series("B", [50, 50, 55, 55]);
    const r = compareWithBenchmark({ trades, traded: [a], universe: [a, b] })!;
    expect(r.portfolioReturn).toBeCloseTo(0.21, 12);
    // Daily means: (10% + 0%)/2, (10% + 10%)/2, 0: 1.05 * 1.1 - 1.
    expect(r.benchmarkReturn).toBeCloseTo(1.05 * 1.1 - 1, 12);
    expect(r.from).toBe("2024-01-02");
    expect(r.to).toBe("2024-01-05");
    expect(r.series.map((p) => Number(p.portfolio.toFixed(6)))).toEqual([100, 110, 121, 121]);
  });

  it("starts at the first trade and counts a universe member only on days it traded", () => {
    const trades = [t("2024-01-03", "A", 1, 110)];
    const a = series("A", [100, 110, 99, 99]);
    const late = { symbol: "C", dates: days.slice(2), close: [10, 20] };
    const r = compareWithBenchmark({ trades, traded: [a], universe: [a, late] })!;
    expect(r.from).toBe("2024-01-03");
    expect(r.portfolioReturn).toBeCloseTo(-0.1, 12);
    // Day 3: A only (-10%); day 4: A 0% and C +100% -> +50%.
    expect(r.benchmarkReturn).toBeCloseTo(0.9 * 1.5 - 1, 12);
  });
});
