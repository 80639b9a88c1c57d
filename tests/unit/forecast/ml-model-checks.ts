// Contract checks shared by the random-forest, GBT and LSTM tests.
import { expect } from "vitest";
import { sliceSeries } from "@/server/forecast/data";
import type { FittedModel, ModelSpec, PriceSeries } from "@/server/forecast/types";
import { correlation } from "./ml-synthetic";

/** Predicts at origins [from, to) and returns predicted vs realized 1-day log returns. */
export function oneDayPredictions({ model, series, from, to }: { model: FittedModel; series: PriceSeries; from: number; to: number }) {
  const predicted: number[] = [];
  const realized: number[] = [];
  for (let end = from; end < to; end++) {
    const f = model.predict(sliceSeries(series, end)).find((x) => x.horizon === "1d")!;
    predicted.push(f.logReturn);
    realized.push(Math.log(series.adjClose[end] / series.adjClose[end - 1]));
  }
  return { predicted, realized, corr: correlation(predicted, realized) };
}

export function expectWellFormed(model: FittedModel, series: PriceSeries): void {
  const out = model.predict(series);
  expect(out.map((f) => f.horizon)).toEqual(["1d", "2d", "1w"]);
  expect(out.map((f) => f.steps)).toEqual([1, 2, 5]);
  const last = series.close[series.close.length - 1];
  for (const f of out) {
    expect(Number.isFinite(f.logReturn)).toBe(true);
    expect(f.price).toBeCloseTo(last * Math.exp(f.logReturn), 10);
    // A daily-bar model predicting more than +-30% in a week has gone wrong.
    expect(Math.abs(f.logReturn)).toBeLessThan(0.3);
  }
}

/** JSON round trip of the state gives identical forecasts, and predicting changes nothing in the model. */
export async function expectRoundTrip(spec: ModelSpec, model: FittedModel, series: PriceSeries): Promise<void> {
  const before = JSON.stringify(model.toState());
  const loaded = await spec.load(JSON.parse(before));
  for (const end of [series.dates.length, series.dates.length - 250, series.dates.length - 777]) {
    const s = sliceSeries(series, end);
    expect(loaded.predict(s)).toEqual(model.predict(s));
  }
  expect(JSON.stringify(loaded.toState())).toBe(before);
  expect(JSON.stringify(model.toState())).toBe(before);
}
