// Forecast combination with weights learned from walk-forward errors, per horizon. Only members whose
// out-of-sample MSE beat naive's enter; they get inverse-MSE weights beside naive, and the result is
// shrunk halfway toward naive, so the ensemble cannot stray far from the baseline on noise alone. A member
// that fell back to the mean return at a horizon is the drift model under another name: it gets no weight.
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

export const ENSEMBLE_DEFAULTS = {
  /** Most recent known errors the weights are learned from. */
  window: 250,
  /** Fraction of weight moved to naive after the inverse-MSE step. */
  shrink: 0.5,
  /** Below this many known errors the ensemble is naive. */
  minErrors: 60,
} as const;

/** Weight per member name; "naive" carries the rest so weights sum to 1. */
export type Weights = Partial<Record<ModelName, number>>;

/** Inverse-MSE weights among members better than naive (forecast 0), shrunk toward naive. */
export function learnWeights(o: {
  forecasts: Map<ModelName, ArrayLike<number>>;
  actual: ArrayLike<number>;
  from?: number;
  to?: number;
  shrink?: number;
}): Weights {
  const from = o.from ?? 0;
  const to = o.to ?? o.actual.length;
  const shrink = o.shrink ?? ENSEMBLE_DEFAULTS.shrink;
  let naiveSse = 0;
  for (let i = from; i < to; i++) naiveSse += o.actual[i] * o.actual[i];
  const inv = new Map<ModelName, number>();
  inv.set("naive", naiveSse > 0 ? 1 / naiveSse : 1);
  for (const [name, f] of o.forecasts) {
    if (name === "naive" || name === "ensemble") continue;
    let sse = 0;
    for (let i = from; i < to; i++) sse += (o.actual[i] - f[i]) ** 2;
    if (sse > 0 && sse < naiveSse) inv.set(name, 1 / sse);
  }
  let total = 0;
  for (const v of inv.values()) total += v;
  const w: Weights = {};
  for (const [name, v] of inv) w[name] = (1 - shrink) * (v / total) + (name === "naive" ? shrink : 0);
  return w;
}

function combine(weights: Weights, value: (name: ModelName) => number): number {
  let r = 0;
  for (const [name, w] of Object.entries(weights) as [ModelName, number][]) {
    if (name !== "naive" && w) r += w * value(name);
  }
  return r;
}

/** Aligns member backtests of one horizon on their common origins. */
function align(members: BacktestResult[], h: HorizonKey) {
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
    evalStart: Math.max(0, ref.evalStart - dropped),
  };
}

/** The members that had not fallen back at entry i. */
function liveAt(forecasts: Map<ModelName, Float64Array>, fellBack: Map<ModelName, Uint8Array>, i: number) {
  return new Map(Array.from(forecasts).filter(([name]) => !fellBack.get(name)?.[i]));
}

/**
 * The ensemble's own walk-forward backtest, built from its members' backtests: the weights used at each
 * origin are learned only from errors whose outcome was known by then.
 */
export function ensembleBacktest(o: { members: BacktestResult[]; window?: number; shrink?: number }): BacktestResult {
  const window = o.window ?? ENSEMBLE_DEFAULTS.window;
  const members = o.members.filter((m) => m.model !== "ensemble");
  const horizons: Partial<Record<HorizonKey, HorizonBacktest>> = {};
  for (const h of HORIZON_KEYS) {
    const a = align(members, h);
    if (!a) continue;
    const n = a.origin.length;
    const forecast = new Float64Array(n);
    let known = 0;
    for (let i = 0; i < n; i++) {
      while (known < i && a.origin[known] + a.ref.steps <= a.origin[i]) known++;
      if (known < ENSEMBLE_DEFAULTS.minErrors) continue; // naive until enough errors are known
      const w = learnWeights({ forecasts: liveAt(a.forecasts, a.fellBack, i), actual: a.actual, from: Math.max(0, known - window), to: known, shrink: o.shrink });
      forecast[i] = combine(w, (name) => a.forecasts.get(name)![i]);
    }
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

/** Final weights per horizon from the most recent known errors of every member. */
export function weightsFromBacktests(o: {
  members: BacktestResult[];
  /** Horizons at which each member's final fit fell back to the mean return. */
  fellBack?: Partial<Record<ModelName, HorizonKey[]>>;
  window?: number;
  shrink?: number;
}): Partial<Record<HorizonKey, Weights>> {
  const window = o.window ?? ENSEMBLE_DEFAULTS.window;
  const out: Partial<Record<HorizonKey, Weights>> = {};
  for (const h of HORIZON_KEYS) {
    const a = align(o.members.filter((m) => m.model !== "ensemble"), h);
    if (!a) continue;
    const n = a.origin.length;
    // The final weights go with the final fits: a member whose final fit fell back gets none.
    const live = new Map(Array.from(a.forecasts).filter(([name]) => !o.fellBack?.[name]?.includes(h)));
    out[h] = n < ENSEMBLE_DEFAULTS.minErrors ? { naive: 1 } : learnWeights({ forecasts: live, actual: a.actual, from: Math.max(0, n - window), to: n, shrink: o.shrink });
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
  const hyperparameters = o.hyperparameters ?? { horizons: [...HORIZON_KEYS], ...ENSEMBLE_DEFAULTS };
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
        logReturn: (_s, h) => combine(o.weights[h]!, (name) => byMember.get(name)?.get(h) ?? 0),
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
 * backtest (weights known at each origin), the final weights, and the model over the members it keeps.
 * Naive's backtest must be among the members so the origins exist when no other member is trained.
 */
export function ensembleFromMembers(o: { members: readonly EnsembleMember[] }): { backtest: BacktestResult; model: FittedModel } {
  const results = o.members.map((m) => m.backtest);
  const fellBack = Object.fromEntries(o.members.map((m) => [m.spec.name, m.spec.fellBack?.(m.model) ?? []]));
  const weights = weightsFromBacktests({ members: results, fellBack });
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
