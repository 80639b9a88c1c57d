// Each symbol's forecast distribution of its next-5-session log return, as the calibrated naive baseline has
// it: centred on no change, scaled by a volatility forecast made at the origin, shaped by the symbol's own
// standardised past 5-session returns (the last `window` whose outcome was known at the origin, each also
// mirrored, as the baseline's intervals are symmetric). The cross-section comes from drawing the same past
// session for every symbol ("joint", which keeps how the symbols moved together) or a separate one each
// ("independent"). Quintile probabilities count where each symbol lands among the drawn cross-sections.
import { ewmaVol } from "../intervals";
import { mulberry32 } from "../math/seeded-random";
import type { PriceSeries } from "../types";
import type { MarketVariance } from "../volatility/range";
import { volContext, volPath } from "../volatility/models";
import type { Panel } from "./panel";
import { QUINTILES, quintilesOf } from "./rps";

export const CS_SCALES = ["ewma", "har"] as const;
export type CsScale = (typeof CS_SCALES)[number];
export const CS_DEPENDENCE = ["joint", "independent"] as const;
export type CsDependence = (typeof CS_DEPENDENCE)[number];
export interface CsMethod {
  scale: CsScale;
  dependence: CsDependence;
}
export const methodId = (m: CsMethod) => `${m.scale}-${m.dependence}`;

/** Fixed before any week was scored: the engine's horizon, its conformal window, its HAR refit cadence. */
export const CS_DEFAULTS = { steps: 5, window: 500, draws: 2000, refitEvery: 21 } as const;

/** Per bar of one symbol's series: forecast sd of the 5-session log return, and that return standardised by it. */
export interface SymbolPaths {
  sd: Float64Array;
  /** z[t] = ln(close[t+5] / close[t]) / sd[t]: known only from bar t+5 on. NaN where not computed. */
  z: Float64Array;
}

export function symbolPaths({ series, scale, from, market }: { series: PriceSeries; scale: CsScale; from: number; market?: MarketVariance }): SymbolPaths {
  const h = CS_DEFAULTS.steps;
  const c = series.close;
  const n = c.length;
  let sd: Float64Array;
  if (scale === "ewma") sd = ewmaVol(series).map((v) => v * Math.sqrt(h));
  else {
    const [variance] = volPath({ ctx: volContext(series, market), model: "har", from: Math.max(from, 30), to: n - 1, steps: [h], refitEvery: CS_DEFAULTS.refitEvery });
    sd = variance.map(Math.sqrt);
  }
  const z = new Float64Array(n).fill(Number.NaN);
  for (let t = Math.max(from, 0); t + h < n; t++) if (sd[t] > 0) z[t] = Math.log(c[t + h] / c[t]) / sd[t];
  for (let t = 0; t < Math.max(from, 0); t++) sd[t] = Number.NaN;
  return { sd, z };
}

/**
 * Probabilities (symbols x 5 quintiles) for the 5 sessions after common session k, from what was known at
 * its close: each symbol's sd at k and the standardised returns of sessions m whose outcome (m + 5) was in
 * by k. Null when fewer than 60 such sessions are known for every symbol.
 */
export function quintileProbabilities({ panel, paths, k, dependence, window = CS_DEFAULTS.window, draws = CS_DEFAULTS.draws }: { panel: Panel; paths: SymbolPaths[]; k: number; dependence: CsDependence; window?: number; draws?: number }): Float64Array[] | null {
  const N = panel.symbols.length;
  const h = CS_DEFAULTS.steps;
  const sd = paths.map((p, i) => p.sd[panel.at[i][k]]);
  if (sd.some((s) => !(s > 0))) return null;
  const scenarios: number[] = [];
  for (let m = k - h; m >= 0 && scenarios.length < window; m--) {
    if (paths.every((p, i) => panel.at[i][m] + h <= panel.at[i][k] && Number.isFinite(p.z[panel.at[i][m]]))) scenarios.push(m);
  }
  if (scenarios.length < 60) return null;
  const counts = Array.from({ length: N }, () => new Float64Array(QUINTILES));
  const x = new Float64Array(N);
  const mirrored = new Float64Array(N);
  const land = () => {
    const q = quintilesOf(x);
    for (let i = 0; i < N; i++) mirrored[i] = -x[i];
    // With 23 symbols the quintiles are not equally full, so the mirrored draw is ranked on its own.
    const qm = quintilesOf(mirrored);
    for (let i = 0; i < N; i++) {
      counts[i][q[i]]++;
      counts[i][qm[i]]++;
    }
  };
  if (dependence === "joint") {
    for (const m of scenarios) {
      for (let i = 0; i < N; i++) x[i] = sd[i] * paths[i].z[panel.at[i][m]];
      land();
    }
  } else {
    // Seeded by the week: the same week always draws the same cross-sections.
    const rand = mulberry32(0x9e3779b9 ^ k);
    for (let d = 0; d < draws; d++) {
      for (let i = 0; i < N; i++) x[i] = sd[i] * paths[i].z[panel.at[i][scenarios[Math.floor(rand() * scenarios.length)]]];
      land();
    }
  }
  return counts.map((c) => {
    const total = c.reduce((s, v) => s + v, 0);
    return c.map((v) => v / total);
  });
}
