// Turning per-horizon log returns into PointForecast rows, shared by the framework models.
import { HORIZON_KEYS, HORIZONS, type HorizonKey, type PointForecast, type PriceSeries } from "./types";

export function lastClose(series: PriceSeries): number {
  const n = series.close.length;
  if (n === 0) throw new Error(`${series.symbol}: cannot forecast from an empty series`);
  return series.close[n - 1];
}

export function makeForecasts({
  series,
  horizons = HORIZON_KEYS,
  logReturn,
  sd,
}: {
  series: PriceSeries;
  horizons?: readonly HorizonKey[];
  logReturn: (steps: number, horizon: HorizonKey) => number;
  sd?: (steps: number, horizon: HorizonKey) => number;
}): PointForecast[] {
  const p0 = lastClose(series);
  return horizons.map((horizon) => {
    const steps = HORIZONS[horizon];
    const r = logReturn(steps, horizon);
    const f: PointForecast = { horizon, steps, price: p0 * Math.exp(r), logReturn: r };
    if (sd) f.modelSd = sd(steps, horizon);
    return f;
  });
}

export function horizonsOf(hyper: Record<string, unknown>): HorizonKey[] {
  const h = hyper.horizons;
  if (Array.isArray(h) && h.every((k) => typeof k === "string" && k in HORIZONS)) return h as HorizonKey[];
  return [...HORIZON_KEYS];
}
