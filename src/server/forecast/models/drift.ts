// Random walk with drift in log space: ln P(t+h) = ln P(t) + h*mu, mu the mean daily log return
// over the training window. Its own sd (sigma*sqrt(h)) is reported beside the point forecast.
import { defineModel } from "../define-model";
import { horizonsOf, makeForecasts } from "../point";
import { HORIZON_KEYS, type FittedModel, type ModelSpec, type ModelState, type PriceSeries } from "../types";

const FORMAT = 1;
/** Five years of bars: long enough to estimate mu, short enough to follow regime changes. */
const DEFAULT_WINDOW = 1260;

interface DriftParams {
  mu: number;
  sigma: number;
  n: number;
}

function estimate(series: PriceSeries, window: number): DriftParams {
  const c = series.close;
  const end = c.length - 1;
  const start = Math.max(0, end - window);
  const n = end - start;
  if (n < 2) return { mu: 0, sigma: 0, n: Math.max(0, n) };
  const mu = Math.log(c[end] / c[start]) / n;
  let ss = 0;
  for (let i = start + 1; i <= end; i++) {
    const d = Math.log(c[i] / c[i - 1]) - mu;
    ss += d * d;
  }
  return { mu, sigma: Math.sqrt(ss / (n - 1)), n };
}

function build(hyperparameters: Record<string, unknown>, p: DriftParams): FittedModel {
  const horizons = horizonsOf(hyperparameters);
  return {
    name: "drift",
    predict: (series) =>
      makeForecasts({ series, horizons, logReturn: (h) => p.mu * h, sd: (h) => p.sigma * Math.sqrt(h) }),
    toState: (): ModelState => ({ name: "drift", format: FORMAT, hyperparameters, params: { ...p } }),
  };
}

export const driftModel: ModelSpec<"drift"> = defineModel({
  name: "drift",
  label: "Drift",
  features: ["close"],
  format: FORMAT,
  config: { window: DEFAULT_WINDOW },
  fit: (series, opts) => {
    const hyper = { horizons: opts?.horizons ?? [...HORIZON_KEYS], window: DEFAULT_WINDOW };
    return build(hyper, estimate(series, DEFAULT_WINDOW));
  },
  load: (state) => {
    const p = state.params as Partial<DriftParams>;
    if (![p.mu, p.sigma, p.n].every((v) => typeof v === "number" && Number.isFinite(v))) throw new Error("drift: bad params");
    return build(state.hyperparameters, p as DriftParams);
  },
});
