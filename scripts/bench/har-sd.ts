// The HAR-Gaussian benchmark's scale (issue 21), shared by bench:models and bench:crps-ceiling.
import { type marketVariance, volPath, volPlanFor } from "../../src/server/forecast";
import { HORIZON_KEYS, HORIZONS, type HorizonKey, type PriceSeries } from "../../src/server/forecast/vocabulary";

/** HAR's (range variance) forecast sd of the h-step log return at every bar, refitted every 21 bars from bars before it. */
export function harSdAtOrigins(series: PriceSeries, market: ReturnType<typeof marketVariance>): Record<HorizonKey, Float64Array> {
  const plan = volPlanFor({ series, market });
  const paths = volPath({ ctx: plan.ctx, model: "har", from: plan.from, to: series.close.length - 1, steps: HORIZON_KEYS.map((h) => HORIZONS[h]), refitEvery: 21 });
  // volPath gives the variance of the h-step log return.
  return Object.fromEntries(HORIZON_KEYS.map((h, k) => [h, paths[k].map(Math.sqrt)])) as Record<HorizonKey, Float64Array>;
}
