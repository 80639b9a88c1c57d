// From each holding's own price series and volatility plan to the risk computation's inputs: the days every
// holding traded, with each one's closes and forecast sds on them. The plan is the forecast engine's own
// (volPlanFor, the same call training makes, so the stored fits are shared both ways). Runs in a worker.
import { BACKTEST_DEFAULTS, firstScoredOrigins } from "../backtest";
import { prepareVol } from "../train";
import { HORIZON_KEYS, type PriceSeries } from "../types";
import type { MarketVariance } from "../volatility/range";
import type { StoredVolPlan, VolStoreUpdate } from "../volatility/store";
import { RISK_HORIZON_KEYS, type RiskHorizon, type RiskSeries } from "./portfolio-var";

export interface VolPaths {
  symbol: string;
  /** The volatility model's sd of the h-day log return at every bar of the series (NaN before its plan starts). */
  sd: Record<RiskHorizon, Float64Array>;
  /** Per horizon the bar from which the plan's model choice used only earlier outcomes (the engine's first scored origin). */
  firstScored: Record<RiskHorizon, number>;
  /** What the plan adds to the symbol's stored volatility fits. */
  store: VolStoreUpdate;
}

/** The walk-forward sd paths of one symbol's chosen volatility models (1 day and 1 week). */
export function volPathsOf({ series, market, volStored, prepared }: { series: PriceSeries; market?: MarketVariance; volStored?: StoredVolPlan; prepared?: ReturnType<typeof prepareVol> }): VolPaths {
  const { volPlan } = prepared ?? prepareVol({ series, market, volStored });
  // The same window volPlanFor chose the models before (its defaults): origins from here on are out of sample.
  const first = firstScoredOrigins(series.close.length, { origins: BACKTEST_DEFAULTS.origins, warmup: BACKTEST_DEFAULTS.warmup, minTrain: BACKTEST_DEFAULTS.minTrain, horizons: HORIZON_KEYS });
  const sd = {} as Record<RiskHorizon, Float64Array>;
  const firstScored = {} as Record<RiskHorizon, number>;
  for (const h of RISK_HORIZON_KEYS) {
    const hp = volPlan.horizons[h];
    if (!hp) throw new Error(`${series.symbol}: the volatility plan has no ${h} horizon`);
    sd[h] = hp.sd;
    firstScored[h] = first[h] ?? 0;
  }
  return { symbol: series.symbol, sd, firstScored, store: volPlan.store };
}

/** The days every series has a bar on, with each series' closes and sds on them (weights by symbol). */
export function alignForRisk({ series, paths, weights }: { series: readonly PriceSeries[]; paths: readonly VolPaths[]; weights: ReadonlyMap<string, number> }): { dates: string[]; inputs: RiskSeries[] } {
  const counts = new Map<string, number>();
  for (const s of series) for (const d of s.dates) counts.set(d, (counts.get(d) ?? 0) + 1);
  const dates = [...counts].filter(([, c]) => c === series.length).map(([d]) => d).sort();
  const inputs = series.map((s, i) => {
    const at = new Map(s.dates.map((d, j) => [d, j]));
    const idx = dates.map((d) => at.get(d)!);
    const p = paths[i];
    const sd = {} as Record<RiskHorizon, Float64Array>;
    const firstOrigin = {} as Record<RiskHorizon, number>;
    for (const h of RISK_HORIZON_KEYS) {
      sd[h] = Float64Array.from(idx, (j) => p.sd[h][j]);
      // The first common day at or after the symbol's own first scored bar.
      const from = idx.findIndex((j) => j >= p.firstScored[h]);
      firstOrigin[h] = from < 0 ? dates.length : from;
    }
    return { symbol: s.symbol, weight: weights.get(s.symbol) ?? 0, close: Float64Array.from(idx, (j) => s.close[j]), sd, firstOrigin };
  });
  return { dates, inputs };
}
