// Training one ticker: walk-forward backtest per model, interval calibration on its out-of-sample residuals,
// a final fit on the most recent window, and an artifact per model. Forecasting from artifacts is serve.ts.
import { backtest, BACKTEST_DEFAULTS, volPlanFor } from "./backtest";
import type { BacktestResult, BacktestStoreUpdate, StoredBacktest } from "./backtest-records";
import { reusableFinalFit } from "./backtest-store";
import { ARTIFACT_SCHEMA, libraryVersions, type ModelArtifact } from "./artifacts";
import { windowSeries } from "./data";
import { calibrationOf, defaultIntervalPath } from "./intervals";
import { horizonMetrics, type HorizonMetrics } from "./metrics";
import { ensembleFromMembers, type EnsembleMember } from "./models/ensemble";
import { HORIZON_KEYS, type FittedModel, type HorizonKey, type ModelName, type ModelSpec, type PriceSeries } from "./types";
import { finalVolStates, type FinalVol } from "./volatility/plan";
import type { StoredVolPlan, VolStoreUpdate } from "./volatility/store";
import type { MarketVariance } from "./volatility/range";

export interface TrainOptions {
  series: PriceSeries;
  /**
   * The models this run may use, the ensemble included (the app's model list, model-list.ts, passed in as
   * statsforecast passes its models): the requested ones, the ensemble's members and naive.
   */
  specs: readonly ModelSpec[];
  /** Models to produce artifacts for (default: every spec). The ensemble also trains the members it needs. */
  models?: readonly ModelName[];
  /** Members the ensemble learns weights for (default: every spec but the ensemble). */
  ensembleMembers?: readonly ModelName[];
  seed?: number;
  version?: string;
  origins?: number;
  warmup?: number;
  /** Overrides every model's refit interval (default: the model's own, else 21). */
  refitEvery?: number;
  trainWindow?: number;
  /** Market variance by date (the volatility models' market term); without it the term is left out. */
  market?: MarketVariance;
  /** Each model's stored walk-forward origins from earlier runs: the backtests reuse those still valid. */
  stored?: Partial<Record<ModelName, StoredBacktest>>;
  /** The symbol's stored volatility fits: the volatility plan refits only what is new or changed. */
  volStored?: StoredVolPlan;
  onProgress?: (event: { model: ModelName; stage: "backtest" | "fit" | "done"; ms?: number }) => void;
  /** Fit every refit and the final fit cold, ignoring the models' warm starts (for before/after benchmarks). */
  coldFits?: boolean;
  /** The volatility plan already made for this series and these settings (one model per task: train-worker.ts). */
  prepared?: PreparedVol;
}

/** The volatility plan every model of a series shares, and its final states. */
export interface PreparedVol {
  volPlan: ReturnType<typeof volPlanFor>;
  vol: ReturnType<typeof finalVolStates>;
}

export function prepareVol(o: Pick<TrainOptions, "series" | "market" | "origins" | "warmup" | "volStored">): PreparedVol {
  const volPlan = volPlanFor({ series: o.series, market: o.market, origins: o.origins, warmup: o.warmup, volStored: o.volStored });
  return { volPlan, vol: finalVolStates(volPlan, o.volStored) };
}

export interface TrainedModel {
  artifact: ModelArtifact;
  model: FittedModel;
  backtest: BacktestResult;
  /** Wall time of the final fit (the artifact's model), excluding the backtest. */
  fitMs: number;
  /** The final fit is the stored one (unchanged bars and settings), not fitted again. */
  finalReused: boolean;
  backtestMs: number;
}

export interface TrainResult {
  symbol: string;
  models: TrainedModel[];
  /** Sum of the final fits of the requested models. */
  totalFitMs: number;
  totalMs: number;
  /** What each backtested model adds to the store (the ensemble's members too, even when not requested). */
  stores: { model: ModelName; update: BacktestStoreUpdate; finalReused: boolean }[];
  /** What the volatility plan adds to its store (the fits it computed and the final fits). */
  volStore: VolStoreUpdate;
}

export function metricsOf(b: BacktestResult): Partial<Record<HorizonKey, HorizonMetrics>> {
  const out: Partial<Record<HorizonKey, HorizonMetrics>> = {};
  for (const h of HORIZON_KEYS) {
    const hb = b.horizons[h];
    if (hb) out[h] = horizonMetrics(hb, { isNaive: b.model === "naive" });
  }
  return out;
}

/** A model that reads a subset of the features lists it in its hyperparameters. */
function declaredFeatures(hyper: Record<string, unknown>): string[] | undefined {
  for (const key of ["features", "inputs"]) {
    const v = hyper[key];
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === "string")) return v as string[];
  }
  return undefined;
}

/** The spec named `name` in the list the run was given; an unknown name fails fast. */
function specIn(specs: readonly ModelSpec[], name: string): ModelSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new Error(`Unknown model "${name}". Available: ${specs.map((s) => s.name).join(", ")}`);
  return spec;
}

/** The event term an artifact's intervals were calibrated with: m, the source of the release days, the filed days read. */
function eventTermOf(v: FinalVol): Pick<NonNullable<ModelArtifact["calibration"][HorizonKey]>, "eventMultiplier" | "eventSource" | "filedDays"> {
  if (!(v.eventMultiplier > 1)) return {};
  // Offline (no filed releases) the artifact is what it was before filed dates existed: absent = inferred.
  return v.eventSource === "filed" ? { eventMultiplier: v.eventMultiplier, eventSource: "filed", filedDays: v.filedDays ?? [] } : { eventMultiplier: v.eventMultiplier };
}

function artifactOf(o: {
  spec: ModelSpec;
  model: FittedModel;
  bt: BacktestResult;
  train: PriceSeries;
  version: string;
  fitMs: number;
  vol: ReturnType<typeof finalVolStates>;
}): ModelArtifact {
  const state = o.model.toState();
  const calibration: ModelArtifact["calibration"] = {};
  for (const h of HORIZON_KEYS) {
    const hb = o.bt.horizons[h];
    const v = o.vol[h];
    if (hb && v) calibration[h] = { ...calibrationOf({ path: defaultIntervalPath(hb), volModel: v.model, volState: v.state }), ...eventTermOf(v) };
  }
  const n = o.train.dates.length;
  return {
    schema: ARTIFACT_SCHEMA,
    model: o.model.name,
    version: o.version,
    symbol: o.train.symbol,
    trainedAt: new Date().toISOString(),
    trainingWindow: { from: o.train.dates[0], to: o.train.dates[n - 1], n },
    hyperparameters: state.hyperparameters,
    features: declaredFeatures(state.hyperparameters) ?? [...o.spec.features],
    metrics: metricsOf(o.bt),
    calibration,
    backtest: {
      firstOrigin: o.bt.firstOrigin,
      lastOrigin: o.bt.lastOrigin,
      fits: o.bt.fits,
      refitEvery: o.bt.refitEvery,
      fitMs: o.bt.fitMs,
      predictMs: o.bt.predictMs,
    },
    fitMs: o.fitMs,
    libraryVersions: libraryVersions(),
    state,
  };
}

export async function trainTicker(opts: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const { series, seed = 42, version = "v1" } = opts;
  const { specs } = opts;
  const requested = new Set<ModelName>(opts.models ?? specs.map((m) => m.name));
  for (const name of requested) specIn(specs, name); // fail fast on an unknown name
  const wantEnsemble = requested.has("ensemble");
  const trainWindow = opts.trainWindow ?? BACKTEST_DEFAULTS.trainWindow;
  const train = windowSeries(series, series.dates.length - trainWindow);
  // One volatility plan (model choice before the scored window, walk-forward variance paths) for every model.
  const { volPlan, vol } = opts.prepared ?? prepareVol(opts);
  const bt = { origins: opts.origins, warmup: opts.warmup, refitEvery: opts.refitEvery, trainWindow, seed, volPlan };

  const baseSpecs = specs.filter((s) => s.name !== "ensemble");
  const members = new Set<ModelName>(opts.ensembleMembers ?? baseSpecs.map((s) => s.name));
  for (const name of members) specIn(specs, name);
  const base = baseSpecs.filter((s) => requested.has(s.name) || (wantEnsemble && (members.has(s.name) || s.name === "naive")));
  const done: (TrainedModel & { member: EnsembleMember })[] = [];
  for (const listed of base) {
    const spec = opts.coldFits ? { ...listed, warmStart: undefined } : listed;
    opts.onProgress?.({ model: spec.name, stage: "backtest" });
    const t0 = performance.now();
    const result = await backtest({ spec, series, ...bt, stored: opts.stored?.[spec.name] });
    const backtestMs = performance.now() - t0;
    opts.onProgress?.({ model: spec.name, stage: "fit" });
    const t1 = performance.now();
    // Unchanged bars and settings: the stored final fit is the model a refit would make (fits are seeded).
    const kept = result.store && reusableFinalFit({ stored: opts.stored?.[spec.name], update: result.store });
    // A warm-start model's final fit starts from the same anchor its walk-forward refits did (refits.ts).
    const warm = result.finalWarm ? { warm: result.finalWarm } : {};
    const model = kept ? await spec.load(kept.state) : await spec.fit(train, { seed, horizons: [...HORIZON_KEYS], ...warm });
    const fitMs = kept ? kept.fitMs : performance.now() - t1;
    if (result.store) result.store.final = { fingerprint: result.store.lastFingerprint, state: model.toState(), fitMs };
    const member = { spec, backtest: result, model };
    done.push({ artifact: artifactOf({ spec, model, bt: result, train, version, fitMs, vol }), model, backtest: result, fitMs, finalReused: !!kept, backtestMs, member });
    opts.onProgress?.({ model: spec.name, stage: "done", ms: fitMs });
  }

  if (wantEnsemble) {
    // Naive's backtest is always passed so the origins exist even when no other member is trained.
    const used = done.filter((d) => d.model.name === "naive" || members.has(d.model.name));
    const t0 = performance.now();
    const { backtest: ebt, model } = ensembleFromMembers({ members: used.map((d) => d.member) });
    const ms = performance.now() - t0;
    // The ensemble's fit is the weight learning plus the fits of the members it keeps.
    const kept = new Set((model.toState().params as { members: { name: ModelName }[] }).members.map((m) => m.name));
    const fitMs = ms + used.filter((m) => kept.has(m.model.name)).reduce((s, m) => s + m.fitMs, 0);
    const spec = specIn(specs, "ensemble");
    done.push({ artifact: artifactOf({ spec, model, bt: ebt, train, version, fitMs, vol }), model, backtest: ebt, fitMs, finalReused: false, backtestMs: ms, member: { spec, backtest: ebt, model } });
    opts.onProgress?.({ model: "ensemble", stage: "done", ms: fitMs });
  }

  const models: TrainedModel[] = done.filter((d) => requested.has(d.model.name)).map(({ member: _m, ...d }) => d);
  // Each base model is fitted once even when the ensemble reuses it; the ensemble adds its weight learning.
  const totalFitMs = done.reduce((s, d) => s + (d.model.name === "ensemble" ? d.backtestMs : d.fitMs), 0);
  const stores = done.flatMap((d) => (d.backtest.store ? [{ model: d.model.name, update: d.backtest.store, finalReused: d.finalReused }] : []));
  return { symbol: series.symbol, models, totalFitMs, totalMs: performance.now() - started, stores, volStore: volPlan.store };
}
