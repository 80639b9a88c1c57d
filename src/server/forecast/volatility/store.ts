// Stored volatility fits: what a volatility plan keeps so a retrain refits only what changed. A fit of a
// volatility model at refit bar r (fixed bars, see volRefitBarOf) is a function of the model, the settings
// and the bars (with the market term) up to r only, so the store carries a configuration hash and each fit a
// fingerprint of every bar up to and including r: a new bar adds at most one new refit bar per model, a
// corrected bar changes the fingerprint of every fit at and after it, and a changed setting changes the
// hash. The variance paths and the model choice are recomputed from the fits on every run (cheap: the fits
// are ~90% of a plan's time). The final fits (the chosen model on every bar, per horizon) are kept under the
// last bar's fingerprint, so an unchanged series reuses them.
import { createHash } from "node:crypto";
import { originFingerprints } from "../backtest-store";
import type { HorizonKey } from "../types";
import { HAR_MIN_ROWS } from "./har";
import { HARJ_SPLIT, VOL_MIN_FIT, VOL_WINDOW, type VolContext, type VolModelName, type VolState } from "./models";

/** Bump when a volatility model's fit changes in a way the hashed settings do not show: every stored fit goes stale. */
export const VOL_STORE_VERSION = 3;

/** One volatility model's fit at one refit bar. */
export interface StoredVolFit {
  model: VolModelName;
  /** The refit bar (index in the series). */
  index: number;
  /** Hash of every bar and market value up to the refit bar (volFingerprints). */
  fingerprint: string;
  state: VolState;
}

/** The chosen model of one horizon fitted on every bar (what the artifacts carry). */
export interface StoredVolFinal {
  horizon: HorizonKey;
  model: VolModelName;
  /** Fingerprint of the last bar. */
  fingerprint: string;
  state: VolState;
}

/** A symbol's stored volatility fits, made under one configuration hash. */
export interface StoredVolPlan {
  configHash: string;
  fits: StoredVolFit[];
  finals: StoredVolFinal[];
}

/** What a plan run adds to the store. */
export interface VolStoreUpdate {
  configHash: string;
  /** First refit bar the plan used; stored fits before it are no longer needed. */
  firstIndex: number;
  computed: StoredVolFit[];
  reused: number;
  /** Fingerprint of the series' last bar: the key of the final fits. */
  lastFingerprint: string;
  /** The run's final fits (set by finalVolStates), and how many of them it fitted rather than reused. */
  finals: StoredVolFinal[];
  finalsComputed: number;
}

/** Hash of everything besides the bars that a stored fit depends on. */
export function volConfigHash(o: { steps: readonly number[]; refitEvery: number; settings: object }): string {
  const key = {
    store: VOL_STORE_VERSION,
    settings: o.settings,
    refitEvery: o.refitEvery,
    window: VOL_WINDOW,
    minFit: VOL_MIN_FIT,
    harMinRows: HAR_MIN_ROWS,
    harjSplit: HARJ_SPLIT,
    steps: [...o.steps].sort((a, b) => a - b),
  };
  return createHash("sha256").update(JSON.stringify(key)).digest("base64url").slice(0, 22);
}

/**
 * Prefix fingerprints of a context: entry t hashes every bar up to t and the market term the HAR model reads
 * up to t (NaN where there is none), so it changes exactly when something a fit at t reads changes.
 */
export function volFingerprints(ctx: VolContext): string[] {
  const n = ctx.series.close.length;
  return originFingerprints(ctx.series, ctx.marketWeek ?? new Float64Array(n).fill(Number.NaN));
}

/** A state JSON keeps exactly: every number finite (JSON has no NaN or Infinity). */
function jsonSafe(x: unknown): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  if (x === null || typeof x !== "object") return true;
  return Object.values(x).every(jsonSafe);
}

/** Stored fits still valid for this context and configuration, by model and refit bar. */
export function reusableVolFits(o: { stored?: StoredVolPlan; configHash: string; fingerprints: readonly string[] }): Map<string, VolState> {
  const out = new Map<string, VolState>();
  if (!o.stored || o.stored.configHash !== o.configHash) return out;
  for (const f of o.stored.fits) if (o.fingerprints[f.index] === f.fingerprint && f.state.model === f.model) out.set(volFitKey(f.model, f.index), f.state);
  return out;
}

export const volFitKey = (model: VolModelName, index: number) => `${model}:${index}`;

/** Records a computed fit for the store (a fit with a non-finite number is not stored: it is recomputed each run). */
export function storeVolFit(update: VolStoreUpdate, fit: StoredVolFit): void {
  if (jsonSafe(fit.state)) update.computed.push(fit);
}

/** The stored final fit of this horizon and model, when made under this configuration from exactly these bars. */
export function reusableVolFinal(o: { stored?: StoredVolPlan; configHash: string; horizon: HorizonKey; model: VolModelName; fingerprint: string }): VolState | undefined {
  if (o.stored?.configHash !== o.configHash) return undefined;
  const f = o.stored.finals.find((x) => x.horizon === o.horizon && x.model === o.model && x.fingerprint === o.fingerprint);
  return f?.state;
}

/**
 * The store after a run: earlier fits under the same hash that the run neither recomputed nor left behind
 * (before its first refit bar), plus the ones it computed, and the run's final fits; null when nothing changed.
 */
export function mergeVolStore({ before, update }: { before?: StoredVolPlan; update: VolStoreUpdate }): StoredVolPlan | null {
  const same = before?.configHash === update.configHash;
  const recomputed = new Set(update.computed.map((f) => volFitKey(f.model, f.index)));
  const kept = (same ? before!.fits : []).filter((f) => f.index >= update.firstIndex && !recomputed.has(volFitKey(f.model, f.index)));
  const fits = [...kept, ...update.computed].sort((a, b) => a.index - b.index || a.model.localeCompare(b.model));
  const finals = update.finals.filter((f) => jsonSafe(f.state));
  // Under one hash a final fit is a function of its horizon, model and bars (JSONB reorders a state's keys).
  const sameFinal = (a: StoredVolFinal, b: StoredVolFinal) => a.horizon === b.horizon && a.model === b.model && a.fingerprint === b.fingerprint;
  const sameFinals = same && finals.length === before!.finals.length && finals.every((f) => before!.finals.some((b) => sameFinal(f, b)));
  if (same && update.computed.length === 0 && fits.length === before!.fits.length && sameFinals) return null;
  return { configHash: update.configHash, fits, finals };
}
