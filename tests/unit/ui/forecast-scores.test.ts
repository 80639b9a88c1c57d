// The forecast table's range score column and the summary line: figures the API gives in % of the price
// are shown as such (never multiplied by 100 again), and the lowest score is marked only when it means something.
import { describe, expect, it } from "vitest";
import { halfWidth, lowestScore, percentOfPrice, SCORE_EXPLANATION, scoreCell } from "@/components/forecast/interval-score";
import { forecastSummary } from "@/components/forecast/forecast-summary";
import type { PredictionResult } from "@/server/predictions/types";

type Backtest = NonNullable<PredictionResult["models"][number]["horizons"]["1d"]>["backtest"];

// Pooled 1-day figures of the last bench:models run (naive, drift, ARIMA with the new intervals).
function result(rows: { name: string; winkler95: number | null; width95: number | null; coverage95?: number }[]): PredictionResult {
  return {
    symbol: "AAPL",
    asOf: "2024-03-08",
    source: "shipped",
    historical: true,
    lastClose: 170.73,
    generatedAt: "2026-12-02T00:00:00.000Z",
    baseline: "naive",
    models: rows.map((r) => ({
      name: r.name,
      label: r.name,
      version: "v1-x",
      trainedAt: "2026-12-02T00:00:00.000Z",
      horizons: {
        "1d": {
          steps: 1,
          price: 170.73,
          change: 0,
          changePercent: 0,
          targetDate: "2024-03-11",
          intervals: r.winkler95 === null ? null : { "80": [167.1, 174.4], "95": [163.5, 178.0], "99": [160.9, 180.6] },
          quantiles: null,
          volModel: "har",
          backtest: { winkler95: r.winkler95, width95: r.width95, coverage95: r.coverage95 ?? 0.9505, origins: 504, maeRatio: 1, dmPValue: null } as Backtest,
        },
      },
    })),
  } as PredictionResult;
}

describe("range score formatting", () => {
  it("prints figures already in % of the price with two decimals", () => {
    expect(percentOfPrice(11.8435)).toBe("11.84%");
    expect(percentOfPrice(25.8836)).toBe("25.88%");
    expect(percentOfPrice(0.004)).toBe("0.00%");
    expect(percentOfPrice(null)).toBe("–");
    expect(percentOfPrice(Number.NaN)).toBe("–");
  });

  it("gives half the mean width as ±", () => {
    expect(halfWidth(8.5064)).toBe("±4.25%");
    expect(halfWidth(20.653)).toBe("±10.33%");
    expect(halfWidth(undefined)).toBe("–");
  });

  it("builds the cell from the backtest, with no width line when there is no width", () => {
    expect(scoreCell({ winkler95: 11.8435, width95: 8.5064 })).toEqual({ score: "11.84%", width: "width 8.51%" });
    expect(scoreCell({ winkler95: null, width95: null })).toEqual({ score: "–", width: "" });
    expect(scoreCell(null)).toEqual({ score: "–", width: "" });
  });

  it("marks the lowest score, ties at the shown precision included, and nothing for a single score", () => {
    const r = result([
      { name: "naive", winkler95: 11.8435, width95: 8.5064 },
      { name: "drift", winkler95: 11.854, width95: 8.5729 },
      { name: "arima", winkler95: 11.8824, width95: 8.6963 },
    ]);
    expect(lowestScore(r, "1d")).toEqual(["naive"]);
    const tie = result([
      { name: "naive", winkler95: 11.8435, width95: 8.5 },
      { name: "drift", winkler95: 11.8449, width95: 8.5 },
      { name: "arima", winkler95: null, width95: null },
    ]);
    expect(lowestScore(tie, "1d")).toEqual(["naive", "drift"]);
    expect(lowestScore(result([{ name: "naive", winkler95: 11.8, width95: 8.5 }]), "1d")).toEqual([]);
    expect(lowestScore(r, "1w")).toEqual([]);
  });

  it("explains the score in plain words, with the real penalty factor of a 95% range (2 / 0.05)", () => {
    expect(SCORE_EXPLANATION).toContain("40 times");
    expect(SCORE_EXPLANATION).toContain("Lower is better");
    expect(SCORE_EXPLANATION).not.toMatch(/winkler|[A-Z]{3,}_/i);
  });
});

describe("forecast summary line", () => {
  it("states the coverage and half-width in % of the price of the model behind the headline (the best range score)", () => {
    const r = result([
      { name: "naive", winkler95: 11.8435, width95: 8.5064 },
      { name: "arima", winkler95: 11.8024, width95: 8.6963, coverage95: 0.9501 },
    ]);
    expect(forecastSummary(r, "1d")).toBe("No model has a measured edge over the last price; over the past two years the ARIMA 95% range held 95.0% of outcomes and was ±4.35% wide on average.");
  });
});
