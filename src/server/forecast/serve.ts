// Serving: forecasts from stored artifacts (predict + calibrated intervals and quantiles). Never fits;
// training is train.ts. The interval sd comes from the artifact's fitted volatility model.
import { loadArtifact, type LoadedArtifact, type ModelArtifact } from "./artifacts";
import { LEVEL_KEYS, priceInterval, QUANTILE_LEVELS, quantilesOf, type LevelKey } from "./intervals";
import type { HorizonKey, ModelName, ModelSpec, PriceSeries } from "./types";
import { dayShockState } from "./shock-reaction";
import { eventFactorAt, eventFactorAtEnd } from "./volatility/event-term";
import { volContext, type VolContext, type VolState } from "./volatility/models";
import { volSdAt, volSdAtEnd } from "./volatility/plan";
import type { MarketVariance } from "./volatility/range";
import { shippedMarketVariance } from "./volatility/shipped-market";

export interface IntervalForecast {
  lower: number;
  upper: number;
  /** Out-of-sample coverage measured for this model, horizon and level in its backtest (null if unmeasured). */
  coverage: number | null;
}

export interface HorizonForecast {
  horizon: HorizonKey;
  steps: number;
  price: number;
  logReturn: number;
  intervals: Record<LevelKey, IntervalForecast> | null;
  /** Price quantiles at levels 0.005/0.025/0.1/0.5/0.9/0.975/0.995, ascending (an array: object keys would reorder). */
  quantiles: { level: number; price: number }[] | null;
  /** The volatility model scaling the intervals. */
  volModel: string | null;
}

export interface ModelForecast {
  model: ModelName;
  version: string;
  symbol: string;
  /** Date of the last bar the forecast starts from. */
  asOf: string;
  horizons: Partial<Record<HorizonKey, HorizonForecast>>;
}

type HorizonCalibration = NonNullable<ModelArtifact["calibration"][HorizonKey]>;

/** Forecast sd of the h-step log return at the last bar for a calibration (older artifacts: EWMA x sqrt(h)). */
function sdOf(cal: HorizonCalibration, ctx: VolContext, steps: number): number {
  const st = cal.volState as VolState | undefined;
  if (!(st && typeof st === "object" && "model" in st)) return ctx.ewma[ctx.series.close.length - 1] * Math.sqrt(steps);
  const sd = volSdAtEnd({ ctx, state: st, steps });
  // Calibrated with the earnings-release term: the same factor at the last bar (artifacts without it: none).
  // The release days come from the source the calibration read: filed releases only when it read them.
  return cal.eventMultiplier ? sd * eventFactorAtEnd({ series: ctx.series, steps, multiplier: cal.eventMultiplier, source: cal.eventSource ?? "inferred" }) : sd;
}

/**
 * The shock-slope correction (regime.ts) is exp(b x) of the last bar's move, folded into the quantiles at
 * training. Served on a later bar, that bar's move counts instead: the factor for x of the series' last bar
 * (its move over the 1-day sd forecast at the bar before, from the 1-day calibration's volatility fit and
 * event term, as the plan computes it) over the folded one. 1 at the training bar, and for calibrations
 * without the mode.
 */
function shockRescale(artifact: ModelArtifact, cal: HorizonCalibration, ctx: VolContext, lastMove: (cal: HorizonCalibration) => number): number {
  const n = ctx.series.close.length;
  if (cal.shockFactor === undefined || cal.shockSlope === undefined || n < 3 || !(ctx.series.dates[n - 1] > artifact.trainingWindow.to)) return 1;
  const x = lastMove(cal);
  return Number.isFinite(x) ? Math.exp(cal.shockSlope * x) / cal.shockFactor : 1;
}

/** x = ln(1 + z^2) of the series' last move, z over the 1-day sd at the bar before (NaN without a fitted 1-day scale). */
function lastMoveState(artifact: ModelArtifact, cal: HorizonCalibration, ctx: VolContext): number {
  const series = ctx.series;
  const n = series.close.length;
  const one = artifact.calibration["1d"] ?? cal;
  const st = one.volState as VolState | undefined;
  if (!(st && typeof st === "object" && "model" in st)) return Number.NaN;
  const base = volSdAt({ ctx, state: st, t: n - 2, steps: 1 });
  const sd1 = one.eventMultiplier ? base * eventFactorAt({ series, t: n - 2, steps: 1, multiplier: one.eventMultiplier, source: one.eventSource ?? "inferred" }) : base;
  return dayShockState([series.close[n - 2], series.close[n - 1]], [sd1, Number.NaN])[1];
}

/** Forecast from an already loaded artifact: predict + calibrated intervals and quantiles, no fitting. */
export function forecastWithLoaded(o: { loaded: LoadedArtifact; series: PriceSeries; ctx?: VolContext; market?: MarketVariance }): ModelForecast {
  const { artifact, model } = o.loaded;
  const n = o.series.close.length;
  const price0 = o.series.close[n - 1];
  const ctx = o.ctx ?? volContext(o.series, o.market);
  const horizons: ModelForecast["horizons"] = {};
  // The last move's state is the same for every horizon: computed once, and only when a horizon needs it.
  let move: number | undefined;
  const lastMove = (cal: HorizonCalibration) => (move ??= lastMoveState(artifact, cal, ctx));
  for (const f of model.predict(o.series)) {
    const cal = artifact.calibration[f.horizon];
    let intervals: Record<LevelKey, IntervalForecast> | null = null;
    let quantiles: HorizonForecast["quantiles"] = null;
    if (cal && cal.n > 0) {
      const sd = sdOf(cal, ctx, f.steps) * shockRescale(artifact, cal, ctx, lastMove);
      intervals = {} as Record<LevelKey, IntervalForecast>;
      for (const k of LEVEL_KEYS) {
        const iv = priceInterval({ price0, logReturn: f.logReturn, sd, q: cal.quantiles[k] });
        intervals[k] = { ...iv, coverage: artifact.metrics[f.horizon]?.coverage[k]?.coverage ?? null };
      }
      const half = Object.fromEntries(LEVEL_KEYS.map((k) => [k, cal.quantiles[k] * sd])) as Record<LevelKey, number>;
      const q = quantilesOf(f.logReturn, half);
      quantiles = QUANTILE_LEVELS.map((level, i) => ({ level, price: price0 * Math.exp(q[i]) }));
    }
    horizons[f.horizon] = { horizon: f.horizon, steps: f.steps, price: f.price, logReturn: f.logReturn, intervals, quantiles, volModel: cal ? (cal.volModel ?? "ewma") : null };
  }
  return { model: model.name, version: artifact.version, symbol: artifact.symbol, asOf: o.series.dates[n - 1], horizons };
}

/** Loads each artifact with its spec from `specs` (the app's model list; never refits) and forecasts from the series' last bar. */
export async function forecastFromArtifacts(o: { artifacts: readonly (ModelArtifact | string)[]; series: PriceSeries; specs: readonly ModelSpec[]; market?: MarketVariance }): Promise<ModelForecast[]> {
  // The same market term training used (the shipped set's average), unless the caller has its own.
  const ctx = volContext(o.series, o.market ?? shippedMarketVariance());
  const out: ModelForecast[] = [];
  for (const a of o.artifacts) {
    const loaded = await loadArtifact({ artifact: a, specs: o.specs });
    out.push(forecastWithLoaded({ loaded, series: o.series, ctx }));
  }
  return out;
}
