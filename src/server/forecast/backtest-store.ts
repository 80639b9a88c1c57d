// Stored walk-forward results: what a backtest keeps per origin so a retrain computes only what changed.
// The forecast at origin t is a function of the model's configuration, the fit it was made with (refitted
// at a fixed schedule of origins, see refitOriginOf) and the bars up to t. So each stored origin carries
// a configuration hash and a fingerprint of every bar up to and including it: a new bar adds origins, a
// corrected bar changes the fingerprint of its own origin and every later one, and a changed configuration
// changes the hash of every row. Realized returns and residuals are derived from the current bars when
// the backtest is assembled, so a corrected outcome bar updates them without any refit.
import { createHash } from "node:crypto";
import type { BacktestStoreUpdate, StoredBacktest, StoredFinalFit, StoredFit, StoredOrigin } from "./backtest-records";
import { HORIZON_KEYS, type HorizonKey, type ModelSpec, type PriceSeries } from "./types";

// The records live in the engine's vocabulary (backtest-records.ts); re-exported for the engine's own files.
export type { BacktestStoreUpdate, StoredBacktest, StoredFinalFit, StoredFit, StoredOrigin };

/** Bump when the backtest or a model changes in a way its configuration does not show: every stored row goes stale. */
export const BACKTEST_STORE_VERSION = 2;

/**
 * Prefix fingerprints: entry t hashes every field of bars 0..t (date, OHLC, adjusted close, volume), and
 * `extra[0..t]` when given (one more value per bar, e.g. the volatility models' market term), so it changes
 * exactly when some bar at or before t changes. One running hash, copied at each bar.
 */
export function originFingerprints(series: PriceSeries, extra?: ArrayLike<number>): string[] {
  const n = series.dates.length;
  const out = new Array<string>(n);
  const h = createHash("sha256");
  const row = new Float64Array(extra ? 7 : 6);
  const bytes = new Uint8Array(row.buffer);
  for (let i = 0; i < n; i++) {
    row[0] = series.open[i];
    row[1] = series.high[i];
    row[2] = series.low[i];
    row[3] = series.close[i];
    row[4] = series.adjClose[i];
    row[5] = series.volume[i];
    if (extra) row[6] = extra[i];
    h.update(series.dates[i]);
    h.update(bytes);
    out[i] = h.copy().digest("base64url").slice(0, 22);
  }
  return out;
}

/** Hash of everything besides the bars that a stored forecast depends on. */
export function backtestConfigHash(o: {
  spec: Pick<ModelSpec, "name" | "format" | "config" | "warmStart">;
  refitEvery: number;
  trainWindow: number;
  minTrain: number;
  seed: number;
  horizons: readonly HorizonKey[];
}): string {
  const key = {
    store: BACKTEST_STORE_VERSION,
    model: o.spec.name,
    format: o.spec.format,
    config: o.spec.config ?? null,
    warmStart: o.spec.warmStart ?? null,
    refitEvery: o.refitEvery,
    trainWindow: o.trainWindow,
    minTrain: o.minTrain,
    seed: o.seed,
    horizons: HORIZON_KEYS.filter((h) => o.horizons.includes(h)),
  };
  return createHash("sha256").update(JSON.stringify(key)).digest("base64url").slice(0, 22);
}

/**
 * The origin whose fit serves origin t. Refits happen at fixed origins (every k-th from the first origin
 * any backtest can have), not relative to where this backtest starts: a longer series then makes the same
 * fits for the origins it shares with a shorter one, which is what lets a retrain reuse stored origins.
 */
export function refitOriginOf(t: number, o: { minTrain: number; refitEvery: number }): number {
  const anchor = o.minTrain - 1;
  return anchor + Math.floor((t - anchor) / o.refitEvery) * o.refitEvery;
}

/** Stored origins still valid for this series and configuration, by origin index. */
export function reusableOrigins(o: { stored?: StoredBacktest; configHash: string; series: PriceSeries; fingerprints: readonly string[] }): Map<number, StoredOrigin> {
  const out = new Map<number, StoredOrigin>();
  if (!o.stored || o.stored.configHash !== o.configHash) return out;
  for (const s of o.stored.origins) {
    if (s.index < o.fingerprints.length && o.fingerprints[s.index] === s.fingerprint && o.series.dates[s.index] === s.date) out.set(s.index, s);
  }
  return out;
}

/**
 * The store after a run: earlier origins under the same hash that the run neither recomputed nor left behind
 * (before its first origin), plus the ones it computed, and the run's final fit; null when nothing changed.
 */
export function mergeStored({ before, update }: { before?: StoredBacktest; update: BacktestStoreUpdate }): StoredBacktest | null {
  const kept = before && before.configHash === update.configHash ? before.origins : [];
  const recomputed = new Set(update.computed.map((o) => o.index));
  const origins = [...kept.filter((o) => !recomputed.has(o.index) && o.index >= update.firstIndex), ...update.computed].sort((a, b) => a.index - b.index);
  const final = update.final ?? (before?.configHash === update.configHash ? before.final : undefined);
  const sameFinal = final?.fingerprint === before?.final?.fingerprint;
  const fitKey = (fits?: StoredFit[]) => (fits ?? []).map((f) => `${f.index}:${f.fingerprint}`).join(",");
  const sameFits = fitKey(update.fits) === fitKey(before?.fits);
  if (update.computed.length === 0 && before?.configHash === update.configHash && origins.length === before.origins.length && sameFinal && sameFits) return null;
  return { configHash: update.configHash, origins, ...(final ? { final } : {}), ...(update.fits.length ? { fits: update.fits } : {}) };
}

/** The stored final fit, when it was made under this configuration from exactly these bars. */
export function reusableFinalFit(o: { stored?: StoredBacktest; update: BacktestStoreUpdate }): StoredFinalFit | undefined {
  const f = o.stored?.final;
  return f && o.stored!.configHash === o.update.configHash && f.fingerprint === o.update.lastFingerprint ? f : undefined;
}
