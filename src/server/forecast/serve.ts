// Serving: forecasts from stored artifacts (predict + calibrated intervals). Never fits; training is train.ts.
import { loadArtifact, type LoadedArtifact, type ModelArtifact } from "./artifacts";
import { ewmaVol, LEVEL_KEYS, priceInterval, type LevelKey } from "./intervals";
import { MODELS } from "./model-list";
import type { HorizonKey, ModelName, PriceSeries } from "./types";

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
}

export interface ModelForecast {
  model: ModelName;
  version: string;
  symbol: string;
  /** Date of the last bar the forecast starts from. */
  asOf: string;
  horizons: Partial<Record<HorizonKey, HorizonForecast>>;
}

/** Forecast from an already loaded artifact: predict + calibrated intervals, no fitting. */
export function forecastWithLoaded(o: { loaded: LoadedArtifact; series: PriceSeries; vol?: number }): ModelForecast {
  const { artifact, model } = o.loaded;
  const n = o.series.close.length;
  const price0 = o.series.close[n - 1];
  const vol = o.vol ?? ewmaVol(o.series)[n - 1];
  const horizons: ModelForecast["horizons"] = {};
  for (const f of model.predict(o.series)) {
    const cal = artifact.calibration[f.horizon];
    let intervals: Record<LevelKey, IntervalForecast> | null = null;
    if (cal && cal.n > 0) {
      intervals = {} as Record<LevelKey, IntervalForecast>;
      for (const k of LEVEL_KEYS) {
        const iv = priceInterval({ price0, logReturn: f.logReturn, vol, steps: f.steps, q: cal.quantiles[k] });
        intervals[k] = { ...iv, coverage: artifact.metrics[f.horizon]?.coverage[k]?.coverage ?? null };
      }
    }
    horizons[f.horizon] = { horizon: f.horizon, steps: f.steps, price: f.price, logReturn: f.logReturn, intervals };
  }
  return { model: model.name, version: artifact.version, symbol: artifact.symbol, asOf: o.series.dates[n - 1], horizons };
}

/** Loads each artifact (never refits) and forecasts from the series' last bar. */
export async function forecastFromArtifacts(o: { artifacts: readonly (ModelArtifact | string)[]; series: PriceSeries }): Promise<ModelForecast[]> {
  const vol = ewmaVol(o.series)[o.series.close.length - 1];
  const out: ModelForecast[] = [];
  for (const a of o.artifacts) {
    const loaded = await loadArtifact({ artifact: a, specs: MODELS });
    out.push(forecastWithLoaded({ loaded, series: o.series, vol }));
  }
  return out;
}
