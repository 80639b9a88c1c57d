// Choosing the volatility model per symbol and horizon, before the scored window: each candidate scales
// the same conformal intervals around the naive forecast on the origins just before the first scored one
// (outcomes known by then), and the lowest mean 95% Winkler score wins. The scored window never
// influences the choice.
import { intervalPath } from "../intervals";
import { dayShockState } from "../shock-reaction";
import { winklerScore } from "../scores";
import { HORIZONS, type HorizonKey, type PriceSeries } from "../types";
import { EVENT_TERM, expectedReleaseDays, withEventTerm } from "./event-term";
import { eventSourceOf, filedReleaseBars, type EventSource } from "./filed-releases";
import type { MarketVariance } from "./range";
import { VOL_MODELS, volContext, volPath, volRefitBarOf, type VolContext, type VolModelName, type VolState } from "./models";
import { reusableVolFinal, reusableVolFits, storeVolFit, volConfigHash, volFingerprints, volFitKey, type StoredVolPlan, type VolStoreUpdate } from "./store";

export const VOL_PLAN_DEFAULTS = {
  /** Origins the candidates are compared on (two years), each with a calibration year before it. */
  selectionOrigins: 504,
  calibration: 250,
  refitEvery: 21,
  /** Fewer comparable origins than this and the preferred model is kept. */
  minSelection: 60,
  /**
   * The model kept unless a challenger's selection score is lower by more than `margin`. On the development
   * window (scored origins 2020-03..2022-03, all before the reported window) the plain per-symbol argmin
   * lost to always-HAR at every horizon: 504 selection origins make the choice noisy. Margins of 0.02 /
   * 0.05 / 0.10 gave 1-day 95% Winkler scores of 0.9203 / 0.9174 / 0.9155 of the reference there (2d:
   * 0.9074 / 0.9045 / 0.9045), so a challenger must be 10% better to replace the log-HAR.
   * The preferred log-HAR is "harj", the one with the day's overnight-gap share as its own term (HARJ_SPLIT in
   * models.ts, where its development-window figures are); "har" (gap as persistent as range) is the option.
   */
  preferred: "harj" as VolModelName,
  margin: 0.1,
} as const;

/** The log-HAR variants the preferred model can be: the plain one, or "harj" with its own overnight-gap term. */
export type HarVariant = "har" | "harj";

/** The candidates of a plan: EWMA, GARCH, GJR and the preferred log-HAR variant. */
export const volPlanModels = (preferred: VolModelName = VOL_PLAN_DEFAULTS.preferred): VolModelName[] => ["ewma", "garch", "gjr", preferred];

export interface HorizonVolPlan {
  chosen: VolModelName;
  /** Mean 95% Winkler score (log-return units) of each candidate on the selection origins. */
  selection: Partial<Record<VolModelName, number>>;
  selectionOrigins: number;
  /** The chosen model's forecast sd of the h-step log return per bar index (NaN before `from`). */
  sd: Float64Array;
  /** The reference: EWMA daily vol x sqrt(h). */
  refSd: Float64Array;
  /** m of the event-day term in `sd` (event-term.ts); 1 = none. */
  eventMultiplier: number;
  /** Where the term's release days came from: the series' filed releases, or inferred from the bars. */
  eventSource: EventSource;
  /** Per bar, ln(1 + z^2) of the day's move against the 1-day sd of the bar before (the shock-slope mode's state); absent without a 1-day horizon. */
  shock?: Float64Array;
}

/** A horizon's shock state at the given origins, and at the last bar (serving's origin). */
export function shockOf(p: HorizonVolPlan, origin: ArrayLike<number>): { shock?: Float64Array; shockServing?: number } {
  const s = p.shock;
  return s ? { shock: Float64Array.from(origin, (t) => s[t]), shockServing: s[s.length - 1] } : {};
}

export interface VolPlan {
  from: number;
  horizons: Partial<Record<HorizonKey, HorizonVolPlan>>;
  ctx: VolContext;
  /** What to store: the fits this plan computed (the rest it reused), and the final fits once made. */
  store: VolStoreUpdate;
}

export function planVolatility(o: {
  series: PriceSeries;
  market?: MarketVariance;
  /** First scored origin per horizon (bar index). */
  firstScored: Partial<Record<HorizonKey, number>>;
  models?: readonly VolModelName[];
  /** The log-HAR variant preferred unless a challenger wins by the margin (default VOL_PLAN_DEFAULTS.preferred). */
  preferred?: HarVariant;
  selectionOrigins?: number;
  /** Fits stored by an earlier run: those still valid for these bars and settings are reused, not refitted. */
  stored?: StoredVolPlan;
}): VolPlan {
  const preferredHar = o.preferred ?? VOL_PLAN_DEFAULTS.preferred;
  const models = o.models ?? volPlanModels(preferredHar);
  const S = o.selectionOrigins ?? VOL_PLAN_DEFAULTS.selectionOrigins;
  const n = o.series.close.length;
  const ctx = volContext(o.series, o.market);
  const keys = Object.keys(o.firstScored) as HorizonKey[];
  const steps = keys.map((h) => HORIZONS[h]);
  const earliest = Math.min(...keys.map((h) => o.firstScored[h]!));
  const from = Math.max(22, earliest - S - VOL_PLAN_DEFAULTS.calibration - Math.max(...steps));
  const refitEvery = VOL_PLAN_DEFAULTS.refitEvery;
  const fingerprints = volFingerprints(ctx);
  const settings = preferredHar === VOL_PLAN_DEFAULTS.preferred ? VOL_PLAN_DEFAULTS : { ...VOL_PLAN_DEFAULTS, preferred: preferredHar };
  const configHash = volConfigHash({ steps, refitEvery, settings });
  const reuse = reusableVolFits({ stored: o.stored, configHash, fingerprints });
  const store: VolStoreUpdate = { configHash, firstIndex: volRefitBarOf(from, refitEvery), computed: [], reused: 0, lastFingerprint: fingerprints[n - 1], finals: [], finalsComputed: 0 };
  const fitAt = (m: VolModelName) => (bar: number) => {
    const kept = reuse.get(volFitKey(m, bar));
    if (kept) {
      store.reused++;
      return kept;
    }
    const state = VOL_MODELS[m].fit(ctx, bar, steps);
    storeVolFit(store, { model: m, index: bar, fingerprint: fingerprints[bar], state });
    return state;
  };
  const paths = new Map<VolModelName, Float64Array[]>();
  for (const m of models) paths.set(m, volPath({ ctx, model: m, from, to: n - 1, steps, refitEvery, fitAt: fitAt(m) }));
  const horizons: VolPlan["horizons"] = {};
  const eventSource = eventSourceOf(o.series);
  keys.forEach((h, k) => {
    const first = o.firstScored[h]!;
    const h0 = HORIZONS[h];
    const origin: number[] = [];
    for (let t = from; t + h0 <= first && t + h0 <= n - 1; t++) origin.push(t);
    const actual = origin.map((t) => Math.log(o.series.close[t + h0] / o.series.close[t]));
    const forecast = origin.map(() => 0);
    const selection: Partial<Record<VolModelName, number>> = {};
    let counted = 0;
    for (const m of models) {
      const scale = origin.map((t) => Math.sqrt(paths.get(m)![k][t]));
      // The selection compares scales under plain split conformal (as it was chosen), whatever the regime default.
      const path = intervalPath({ origin, steps: h0, forecast, actual, scale }, { regime: "none" });
      let s = 0;
      let c = 0;
      origin.forEach((t, i) => {
        const half = path.half["95"][i];
        if (t < first - S || Number.isNaN(half)) return;
        s += winklerScore({ lower: -half, upper: half, y: actual[i], alpha: 0.05 });
        c++;
      });
      selection[m] = c ? s / c : Number.NaN;
      counted = c;
    }
    const preferred = models.includes(preferredHar) ? preferredHar : models[0];
    let chosen: VolModelName = preferred;
    if (counted >= VOL_PLAN_DEFAULTS.minSelection) {
      let best = preferred;
      for (const m of models) if ((selection[m] ?? Infinity) < (selection[best] ?? Infinity)) best = m;
      if ((selection[best] ?? Infinity) < (selection[preferred] ?? Infinity) * (1 - VOL_PLAN_DEFAULTS.margin)) chosen = best;
    }
    const base = paths.has(chosen) ? paths.get(chosen)![k].map(Math.sqrt) : Float64Array.from(ctx.ewma, (v) => v * Math.sqrt(h0));
    // The chosen model's sd with the extra variance of an expected earnings release (causal: releases up to t).
    const m = EVENT_TERM.multiplier;
    const sd = m > 1 ? withEventTerm({ sd: base, expected: expectedReleaseDays({ series: o.series, steps: h0, source: eventSource }), multiplier: m, steps: h0 }) : base;
    horizons[h] = { chosen, selection, selectionOrigins: counted, sd, refSd: Float64Array.from(ctx.ewma, (v) => v * Math.sqrt(h0)), eventMultiplier: m, eventSource };
  });
  const sd1 = horizons["1d"]?.sd;
  if (sd1) {
    const shock = dayShockState(o.series.close, sd1);
    for (const h of keys) horizons[h]!.shock = shock;
  }
  return { from, horizons, ctx, store };
}

/** A horizon's final volatility fit and the event term it was calibrated with. */
export interface FinalVol {
  model: VolModelName;
  state: VolState;
  eventMultiplier: number;
  eventSource: EventSource;
  filedDays?: string[];
}

/** The chosen model fitted on every bar, for the artifact. */
function fitVolFinal(o: { ctx: VolContext; model: VolModelName; steps: readonly number[] }): VolState {
  return VOL_MODELS[o.model].fit(o.ctx, o.ctx.series.close.length - 1, o.steps);
}

/**
 * The chosen volatility model of each horizon fitted on every bar (what the artifacts carry), computed once
 * per symbol; the stored final fit is reused when the bars and settings are unchanged. Records the finals
 * in `plan.store`.
 */
export function finalVolStates(plan: VolPlan, stored?: StoredVolPlan): Partial<Record<HorizonKey, FinalVol>> {
  const out: Partial<Record<HorizonKey, FinalVol>> = {};
  const { store } = plan;
  store.finals = [];
  store.finalsComputed = 0;
  for (const h of Object.keys(plan.horizons) as HorizonKey[]) {
    const model = plan.horizons[h]!.chosen;
    let state = reusableVolFinal({ stored, configHash: store.configHash, horizon: h, model, fingerprint: store.lastFingerprint });
    if (!state) {
      state = fitVolFinal({ ctx: plan.ctx, model, steps: [HORIZONS[h]] });
      store.finalsComputed++;
    }
    store.finals.push({ horizon: h, model, fingerprint: store.lastFingerprint, state });
    const { eventMultiplier, eventSource } = plan.horizons[h]!;
    // The filed release days the calibration read, by date (the artifact records them).
    const filedDays = eventSource === "filed" ? filedReleaseBars(plan.ctx.series).map((i) => plan.ctx.series.dates[i]) : [];
    out[h] = { model, state, eventMultiplier, eventSource, ...(filedDays.length ? { filedDays } : {}) };
  }
  return out;
}

/** Forecast sd of the h-step log return at the last bar of the context's series, from a stored state (no refit). */
export function volSdAtEnd(o: { ctx: VolContext; state: VolState; steps: number }): number {
  return volSdAt({ ...o, t: o.ctx.series.close.length - 1 });
}

/** The same at origin t (bars 0..t only). */
export function volSdAt(o: { ctx: VolContext; state: VolState; t: number; steps: number }): number {
  return Math.sqrt(VOL_MODELS[o.state.model].forecast(o.ctx, o.state, o.t, [o.steps])[0]);
}
