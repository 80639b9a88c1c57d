// The weekly cross-sectional forecast, walked forward over the shipped history: origins every 5 common
// sessions counted back from the last one (non-overlapping weeks), each forecast from data up to its origin,
// each scored by RPS against where the 5-session returns actually ranked, beside the uniform forecast.
// Development weeks choose the variant; the scored weeks after them report it (nothing is chosen on them).
import type { PriceSeries } from "../types";
import type { MarketVariance } from "../volatility/range";
import { CS_DEFAULTS, CS_DEPENDENCE, CS_SCALES, methodId, quintileProbabilities, symbolPaths, type CsMethod, type CsScale, type SymbolPaths } from "./distribution";
import { panelOf, type Panel } from "./panel";
import { quintilesOf, rps, UNIFORM } from "./rps";
import { summarizeWeeks, type RpsSummary } from "./summary";

/** The engine's development window (docs/forecasting.md): weeks whose outcome is in by 2022-03-04. */
export const CS_WINDOWS = { devFrom: "2020-03-06", devTo: "2022-03-04" } as const;

export const CS_METHODS: CsMethod[] = CS_SCALES.flatMap((scale) => CS_DEPENDENCE.map((dependence) => ({ scale, dependence })));

export interface CsWeek {
  origin: string;
  target: string;
  /** RPS per method id, and "uniform". */
  rps: Record<string, number>;
}

export interface CrossSectionRun {
  symbols: string[];
  /** Variants compared on the development weeks (mean RPS there), and the one chosen. */
  development: { from: string; to: string; weeks: number; rps: Record<string, number>; uniform: number };
  chosen: string;
  /** Every variant on the scored weeks; the chosen one is the reported figure. */
  scored: Record<string, RpsSummary>;
  weeks: CsWeek[];
  /** The forecast from the last common session: probabilities per symbol (quintile 1 lowest return .. 5 highest). */
  current: { origin: string; probabilities: Record<string, number[]> } | null;
}

/** Realised quintiles of the 5-session returns from common session k (outcomes read only here, after the forecast). */
function realised(panel: Panel, k: number): Uint8Array {
  const h = CS_DEFAULTS.steps;
  return quintilesOf(panel.series.map((s, i) => Math.log(s.close[panel.at[i][k + h]] / s.close[panel.at[i][k]])));
}

export function runCrossSection({ series, market, devFrom = CS_WINDOWS.devFrom, devTo = CS_WINDOWS.devTo, draws }: { series: readonly PriceSeries[]; market?: MarketVariance; devFrom?: string; devTo?: string; draws?: number }): CrossSectionRun {
  const panel = panelOf(series);
  const h = CS_DEFAULTS.steps;
  const last = panel.dates.length - 1;
  const firstOrigin = panel.dates.findIndex((d) => d >= devFrom);
  if (firstOrigin < 0) throw new Error(`The universe has no common session from ${devFrom}`);
  // Paths start a calibration window (plus a year of volatility warm-up) before the first origin.
  const pathsOf = (scale: CsScale): SymbolPaths[] =>
    panel.series.map((s, i) => symbolPaths({ series: s, scale, from: Math.max(0, panel.at[i][Math.max(0, firstOrigin - CS_DEFAULTS.window - 2 * h)] - 260), market }));
  const paths = Object.fromEntries(CS_SCALES.map((s) => [s, pathsOf(s)])) as Record<CsScale, SymbolPaths[]>;
  const forecast = (m: CsMethod, k: number) => quintileProbabilities({ panel, paths: paths[m.scale], k, dependence: m.dependence, draws });

  const weeks: CsWeek[] = [];
  const origins: number[] = [];
  for (let k = last - h; k >= firstOrigin; k -= h) origins.unshift(k);
  for (const k of origins) {
    const probs = CS_METHODS.map((m) => forecast(m, k));
    if (probs.some((p) => p === null)) continue;
    const outcome = realised(panel, k);
    const week: CsWeek = { origin: panel.dates[k], target: panel.dates[k + h], rps: { uniform: rps(panel.symbols.map(() => UNIFORM), outcome) } };
    CS_METHODS.forEach((m, j) => (week.rps[methodId(m)] = rps(probs[j]!, outcome)));
    weeks.push(week);
  }
  const dev = weeks.filter((w) => w.target <= devTo);
  const scoredWeeks = weeks.filter((w) => w.origin >= devTo);
  if (!dev.length) throw new Error(`No development week between ${devFrom} and ${devTo}`);
  const meanOf = (ws: CsWeek[], id: string) => ws.reduce((s, w) => s + w.rps[id], 0) / ws.length;
  const devRps = Object.fromEntries(CS_METHODS.map((m) => [methodId(m), meanOf(dev, methodId(m))]));
  const chosen = CS_METHODS.map(methodId).reduce((a, b) => (devRps[b] < devRps[a] ? b : a));
  const chosenMethod = CS_METHODS.find((m) => methodId(m) === chosen)!;
  const now = forecast(chosenMethod, last);
  return {
    symbols: panel.symbols,
    development: { from: dev[0].origin, to: dev[dev.length - 1].target, weeks: dev.length, rps: devRps, uniform: meanOf(dev, "uniform") },
    chosen,
    scored: Object.fromEntries(CS_METHODS.map((m) => [methodId(m), summarizeWeeks(scoredWeeks, methodId(m))])),
    weeks,
    current: now ? { origin: panel.dates[last], probabilities: Object.fromEntries(panel.symbols.map((s, i) => [s, Array.from(now[i])])) } : null,
  };
}
