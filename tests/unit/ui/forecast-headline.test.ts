// The forecast in one sentence (src/components/forecast/headline-lines.ts): which model drives it, and that
// its words carry the API's numbers unchanged.
import { describe, expect, it } from "vitest";
import type { HorizonPrediction, ModelPrediction, PredictionResult } from "@/server/predictions/types";
import { dateInWords, headlineLines, headlineModel, headlineSentence, heldSentence, sourceSentence } from "@/components/forecast/headline-lines";

type Figures = { price: number; winkler95: number | null; coverage80?: number; coverage95?: number; i80?: [number, number]; i95?: [number, number] };

function horizon(steps: number, targetDate: string, f: Figures): HorizonPrediction {
  const i80 = f.i80 ?? [f.price - 2, f.price + 2];
  const i95 = f.i95 ?? [f.price - 4, f.price + 4];
  return {
    steps,
    price: f.price,
    change: f.price - 170.73,
    changePercent: ((f.price - 170.73) / 170.73) * 100,
    targetDate,
    intervals: { "80": i80, "95": i95, "99": [i95[0] - 2, i95[1] + 2] },
    quantiles: null,
    volModel: "ewma",
    backtest: {
      mae: 1,
      naiveMae: 1,
      maeRatio: 1,
      maeRatioNoise: 0.02,
      directionAccuracy: null,
      directionBaseline: 0.53,
      directionPValue: null,
      callRate: 0,
      directionHitRate: null,
      dmPValue: null,
      coverage80: f.coverage80 ?? 0.8,
      coverage95: f.coverage95 ?? 0.95,
      coverage99: 0.99,
      width95: 4.5,
      winkler95: f.winkler95,
      crps: 1,
      coverage95ByVolTercile: [0.95, 0.95, 0.95],
      baselZone: null,
      note: null,
      origins: 500,
      mape: 1.1,
    },
  };
}

function model(name: ModelPrediction["name"], byHorizon: Record<"1d" | "2d" | "1w", Figures>): ModelPrediction {
  return {
    name,
    label: name,
    version: "v1",
    trainedAt: "2024-03-09T00:00:00.000Z",
    horizons: {
      "1d": horizon(1, "2024-03-11", byHorizon["1d"]),
      "2d": horizon(2, "2024-03-12", byHorizon["2d"]),
      "1w": horizon(5, "2024-03-15", byHorizon["1w"]),
    },
  };
}

const result = (models: ModelPrediction[]): PredictionResult => ({
  symbol: "AAPL",
  asOf: "2024-03-08",
  source: "shipped",
  historical: true,
  lastClose: 170.73,
  generatedAt: "2024-03-09T00:00:00.000Z",
  models,
  baseline: "naive",
  stage: "complete",
});

const naive = model("naive", {
  "1d": { price: 170.73, winkler95: 6.1, coverage80: 0.812, coverage95: 0.948, i80: [167.2, 174.26], i95: [164.78, 176.9] },
  "2d": { price: 170.73, winkler95: 8.4 },
  "1w": { price: 170.73, winkler95: 12.9 },
});
const arima = model("arima", {
  "1d": { price: 171.02, winkler95: 6.3 },
  "2d": { price: 171.4, winkler95: 8.4 },
  "1w": { price: 172.05, winkler95: 12.1, coverage80: 0.79, coverage95: 0.936 },
});

describe("the forecast in one sentence", () => {
  it("writes the target date in words, in the calendar's own time zone", () => {
    expect(dateInWords("2024-03-11")).toBe("Mon 11 Mar 2024");
    expect(dateInWords("2024-12-31")).toBe("Tue 31 Dec 2024");
  });

  it("takes the model with the lowest 95% range score, and the naive baseline unless a model beats it", () => {
    const r = result([arima, naive]);
    expect(headlineModel(r, "1d")?.name).toBe("naive"); // arima scores worse
    expect(headlineModel(r, "2d")?.name).toBe("naive"); // a tie does not beat the baseline
    expect(headlineModel(r, "1w")?.name).toBe("arima"); // 12.1 < 12.9
    expect(headlineLines(r).map((l) => [l.horizon, l.model, l.baseline])).toEqual([
      ["1d", "naive", true],
      ["2d", "naive", true],
      ["1w", "arima", false],
    ]);
  });

  it("says the API's price, ranges and measured coverage in words", () => {
    const [day, , week] = headlineLines(result([arima, naive]));
    expect(headlineSentence(day)).toBe("Most likely near $170.73 on Mon 11 Mar 2024; 80% chance between $167.20 and $174.26, 95% chance between $164.78 and $176.90.");
    expect(heldSentence(day)).toBe("In the backtest such ranges held 81% (80% range) and 95% (95% range) of the time, over 500 held-out days.");
    expect(sourceSentence(day)).toMatch(/^From the last close with its measured ranges: no model's ranges scored better/);
    expect(headlineSentence(week)).toBe("Most likely near $172.05 on Fri 15 Mar 2024; 80% chance between $170.05 and $174.05, 95% chance between $168.05 and $176.05.");
    expect(heldSentence(week)).toBe("In the backtest such ranges held 79% (80% range) and 94% (95% range) of the time, over 500 held-out days.");
    expect(sourceSentence(week)).toBe("From ARIMA, whose ranges scored best in the backtest.");
  });

  it("falls back to a model without scores rather than saying nothing, and drops uncalibrated ranges", () => {
    const bare = model("drift", { "1d": { price: 171, winkler95: null }, "2d": { price: 171, winkler95: null }, "1w": { price: 171, winkler95: null } });
    bare.horizons["1d"]!.intervals = null;
    const r = { ...result([bare]) };
    expect(headlineModel(r, "1d")?.name).toBe("drift");
    expect(headlineSentence(headlineLines(r)[0])).toBe("Most likely near $171.00 on Mon 11 Mar 2024.");
  });
});
