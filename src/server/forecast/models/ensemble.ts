// Forecast combination with fixed weights per horizon, chosen once on the development window (data cut at
// 2022-03-04, before the scored window) by the CRPS of the combined distribution: the weighted point forecast
// with the engine's conformal intervals around it (ensemble-weights.ts chooses; scripts/bench-models.ts
// re-chooses with tickers held out). The same weights serve every symbol and every origin; a member that is
// not trained, or whose fit fell back to the mean return at a horizon (the drift model under another name),
// hands its weight to naive.
import { backtest, type BacktestResult, type BacktestOptions, type HorizonBacktest } from "../backtest";
import { defineModel } from "../define-model";
import { horizonsOf, makeForecasts } from "../point";
import {
  HORIZON_KEYS,
  type FittedModel,
  type HorizonKey,
  type ModelName,
  type ModelSpec,
  type ModelState,
  type PriceSeries,
} from "../types";

const FORMAT = 1;

/** Weight per member name; "naive" carries the rest so weights sum to 1. */
export type Weights = Partial<Record<ModelName, number>>;

/**
 * The shipped weights per horizon: `chooseEnsembleWeights` on the development window of all 23 shipped
 * tickers, every base model a member (backtests on data cut at 2022-03-04, 2026-12-07 08:57-09:08 UTC on main
 * at aa8da57: the log-HAR with its gap-share term, the event-day term and the LSTM's current settings,
 * `npx tsx scripts/bench/ensemble-dev-window.ts`). Pooled development-window CRPS, ensemble vs naive: 1.0624 vs
 * 1.0657 (1d), 1.4446 vs 1.4492 (2d), 2.3007 vs 2.3156 (1w); docs/forecasting.md.
 */
export const ENSEMBLE_WEIGHTS: Record<HorizonKey, Weights> = {
  "1d": { naive: 0.1, arima: 0.35, random_forest: 0.2, gbt: 0.05, lstm: 0.1, prophet: 0.2 },
  "2d": { drift: 0.05, arima: 0.5, random_forest: 0.1, lstm: 0.25, prophet: 0.1 },
  "1w": { naive: 0.15, arima: 0.6, random_forest: 0.15, prophet: 0.1 },
};

/** Weighted sum of the members' log returns; naive (0) and members left out add nothing. */
export function combine(weights: Weights, value: (name: ModelName) => number | undefined): number {
  let r = 0;
  for (const [name, w] of Object.entries(weights) as [ModelName, number][]) {
    if (name === "naive" || !w) continue;
    const v = value(name);
    if (v !== undefined) r += w * v;
  }
  return r;
}

/** Aligns member backtests of one horizon on their common origins. */
export function align(members: BacktestResult[], h: HorizonKey) {
  const hs = members.map((m) => m.horizons[h]).filter((b): b is HorizonBacktest => !!b);
  if (!hs.length) return undefined;
  const common = hs.reduce((set, b) => new Set(Array.from(b.origin).filter((t) => set.has(t))), new Set(Array.from(hs[0].origin)));
  const ref = hs[0];
  const keep = Array.from(ref.origin.keys()).filter((i) => common.has(ref.origin[i]));
  const forecasts = new Map<ModelName, Float64Array>();
  const fellBack = new Map<ModelName, Uint8Array>();
  hs.forEach((b, k) => {
    const pos = new Map(Array.from(b.origin, (t, i) => [t, i] as const));
    forecasts.set(members[k].model, Float64Array.from(keep, (i) => b.forecast[pos.get(ref.origin[i])!]));
    fellBack.set(members[k].model, Uint8Array.from(keep, (i) => b.fellBack[pos.get(ref.origin[i])!]));
  });
  const pick = <T extends Float64Array | Int32Array>(a: T) => a.filter((_v, i) => common.has(ref.origin[i])) as T;
  const dropped = ref.origin.length - keep.length;
  return {
    ref,
    forecasts,
    fellBack,
    origin: pick(ref.origin),
    actual: pick(ref.actual),
    originPrice: pick(ref.originPrice),
    vol: pick(ref.vol),
    scale: pick(ref.scale),
    refScale: pick(ref.refScale),
    ...(ref.shock ? { shock: pick(ref.shock), shockServing: ref.shockServing } : {}),
    evalStart: Math.max(0, ref.evalStart - dropped),
  };
}

/**
 * The ensemble's own walk-forward backtest, built from its members' backtests with fixed weights: at each
 * origin the weighted member forecasts, a member that had fallen back there counting as naive.
 */
export function ensembleBacktest(o: { members: BacktestResult[]; weights?: Partial<Record<HorizonKey, Weights>> }): BacktestResult {
  const weights = o.weights ?? ENSEMBLE_WEIGHTS;
  const members = o.members.filter((m) => m.model !== "ensemble");
  const horizons: Partial<Record<HorizonKey, HorizonBacktest>> = {};
  for (const h of HORIZON_KEYS) {
    const a = align(members, h);
    if (!a) continue;
    const n = a.origin.length;
    const w = weights[h] ?? { naive: 1 };
    const forecast = Float64Array.from({ length: n }, (_v, i) => combine(w, (name) => (a.fellBack.get(name)?.[i] ? undefined : a.forecasts.get(name)?.[i])));
    horizons[h] = {
      horizon: h,
      steps: a.ref.steps,
      origin: a.origin,
      originPrice: a.originPrice,
      forecast,
      actual: a.actual,
      modelSd: new Float64Array(n).fill(Number.NaN),
      vol: a.vol,
      scale: a.scale,
      refScale: a.refScale,
      ...(a.shock ? { shock: a.shock, shockServing: a.shockServing } : {}),
      volModel: a.ref.volModel,
      fellBack: new Uint8Array(n),
      evalStart: a.evalStart,
    };
  }
  const first = members[0];
  return {
    model: "ensemble",
    symbol: first?.symbol ?? "",
    horizons,
    fits: members.reduce((s, m) => s + m.fits, 0),
    refitEvery: Math.min(...members.map((m) => m.refitEvery)),
    fitMs: members.reduce((s, m) => s + m.fitMs, 0),
    predictMs: members.reduce((s, m) => s + m.predictMs, 0),
    firstOrigin: first?.firstOrigin ?? "",
    lastOrigin: first?.lastOrigin ?? "",
  };
}

/**
 * The final weights per horizon: the fixed weights restricted to the members trained here whose final fit did
 * not fall back at that horizon; the rest goes to naive.
 */
export function finalWeights(o: {
  trained: readonly ModelName[];
  /** Horizons at which each member's final fit fell back to the mean return. */
  fellBack?: Partial<Record<ModelName, HorizonKey[]>>;
  weights?: Partial<Record<HorizonKey, Weights>>;
}): Record<HorizonKey, Weights> {
  const weights = o.weights ?? ENSEMBLE_WEIGHTS;
  const out = {} as Record<HorizonKey, Weights>;
  for (const h of HORIZON_KEYS) {
    const w: Weights = {};
    let rest = 1;
    for (const [name, v] of Object.entries(weights[h] ?? {}) as [ModelName, number][]) {
      if (name === "naive" || !v || !o.trained.includes(name) || o.fellBack?.[name]?.includes(h)) continue;
      w[name] = v;
      rest -= v;
    }
    out[h] = { naive: Math.max(0, rest), ...w };
  }
  return out;
}

interface EnsembleParams {
  weights: Partial<Record<HorizonKey, Weights>>;
  members: ModelState[];
}

export function buildEnsemble(o: {
  weights: Partial<Record<HorizonKey, Weights>>;
  members: FittedModel[];
  hyperparameters?: Record<string, unknown>;
}): FittedModel {
  const hyperparameters = o.hyperparameters ?? { horizons: [...HORIZON_KEYS], weights: "fixed, chosen on the development window by CRPS" };
  const horizons = horizonsOf(hyperparameters).filter((h) => o.weights[h]);
  // Members without weight at any horizon are not kept: they would cost predict time for nothing.
  const used = o.members.filter((m) => horizons.some((h) => (o.weights[h]?.[m.name] ?? 0) > 0));
  return {
    name: "ensemble",
    predict(series: PriceSeries) {
      const byMember = new Map<ModelName, Map<HorizonKey, number>>();
      for (const m of used) byMember.set(m.name, new Map(m.predict(series).map((f) => [f.horizon, f.logReturn])));
      return makeForecasts({
        series,
        horizons,
        logReturn: (_s, h) => combine(o.weights[h]!, (name) => byMember.get(name)?.get(h)),
      });
    },
    toState(): ModelState {
      const params: EnsembleParams = { weights: o.weights, members: used.map((m) => m.toState()) };
      return { name: "ensemble", format: FORMAT, hyperparameters, params };
    },
  };
}

export interface EnsembleMember {
  spec: ModelSpec;
  /** Walk-forward backtest with the shared defaults (the same one its own artifact is scored on). */
  backtest: BacktestResult;
  /** The member's final fit. */
  model: FittedModel;
}

/**
 * The one way an ensemble is fitted, from its members' backtests and final fits: its own walk-forward
 * backtest (the fixed weights at every origin), the final weights, and the model over the members it keeps.
 * Naive's backtest must be among the members so the origins exist when no other member is trained.
 */
export function ensembleFromMembers(o: { members: readonly EnsembleMember[] }): { backtest: BacktestResult; model: FittedModel } {
  const results = o.members.map((m) => m.backtest);
  const fellBack = Object.fromEntries(o.members.map((m) => [m.spec.name, m.spec.fellBack?.(m.model) ?? []]));
  const weights = finalWeights({ trained: results.map((r) => r.model), fellBack });
  const model = buildEnsemble({ weights, members: o.members.filter((m) => m.spec.name !== "naive").map((m) => m.model) });
  return { backtest: ensembleBacktest({ members: results }), model };
}

/** Backtest and final fit of each member spec, with the options training uses. */
export async function fitMembers(o: { specs: readonly ModelSpec[]; series: PriceSeries; final: PriceSeries; backtest: Omit<BacktestOptions, "spec" | "series">; seed?: number }): Promise<EnsembleMember[]> {
  const out: EnsembleMember[] = [];
  for (const spec of o.specs) {
    const result = await backtest({ ...o.backtest, spec, series: o.series });
    const model = await spec.fit(o.final, { seed: o.seed, horizons: [...HORIZON_KEYS] });
    out.push({ spec, backtest: result, model });
  }
  return out;
}

/** The ensemble spec over the given member specs (the registry passes every base model). */
export function createEnsembleSpec(memberSpecs: readonly ModelSpec[]): ModelSpec<"ensemble"> {
  const specOf = (name: ModelName) => memberSpecs.find((s) => s.name === name);
  return defineModel({
    name: "ensemble",
    label: "Ensemble",
    features: ["member forecasts"],
    format: FORMAT,
    async fit(series, opts) {
      // Standalone fit: the same backtests, weights and member fits as training (trainTicker reuses them).
      const specs = memberSpecs.filter((s) => s.name !== "ensemble");
      const members = await fitMembers({ specs, series, final: series, backtest: { seed: opts?.seed }, seed: opts?.seed });
      return ensembleFromMembers({ members }).model;
    },
    async load(state) {
      const p = state.params as EnsembleParams;
      if (!p || typeof p.weights !== "object" || !Array.isArray(p.members)) throw new Error("ensemble: bad params");
      const members = [];
      for (const ms of p.members) {
        const spec = specOf(ms.name);
        if (!spec) throw new Error(`ensemble: member model "${ms.name}" is not available`);
        members.push(await spec.load(ms));
      }
      return buildEnsemble({ weights: p.weights, members, hyperparameters: state.hyperparameters });
    },
  });
}
