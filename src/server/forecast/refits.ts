// The fits of a walk-forward backtest, on a fixed schedule: the fit serving origin t is made at t's refit
// origin r (refitOriginOf) on the bars up to r. A model with `warmStart` starts the fit at r from the fit at
// r's anchor, the last cold refit (every `coldEvery`-th refit on the same fixed schedule), so every fit is a
// function of its own bars and its anchor's fit only, whichever origin a run starts from. That is what keeps
// an incremental run equal to a full one. Fits made by an earlier run are reused when their bars are
// unchanged (same prefix fingerprint), so a retrain whose new origins fall in the current refit period fits
// nothing; the run keeps the fits a later run can need (the current refit and its anchor).
import { refitOriginOf, type StoredFit } from "./backtest-store";
import { windowSeries } from "./data";
import type { FittedModel, HorizonKey, ModelSpec, ModelState, PriceSeries } from "./types";

interface Entry {
  model: FittedModel;
  state?: ModelState;
}

export interface RefitPlanner {
  /** The fit made at refit origin r (made, loaded from a stored fit, or taken from this run's fits). */
  at(r: number): Promise<FittedModel>;
  /** The warm start of a fit at bar `index` (the final fit uses index n − 1): its anchor's state, if warm. */
  warmFor(index: number): Promise<ModelState | undefined>;
  /** Fits this run made (not loaded), and their total wall time. */
  readonly fits: number;
  readonly fitMs: number;
  /** The fits to store: the one serving `lastOrigin` and its anchor (all a later run can start from). */
  keep(lastOrigin: number): StoredFit[];
}

export function refitPlanner(o: {
  spec: ModelSpec;
  series: PriceSeries;
  fingerprints: readonly string[];
  minTrain: number;
  refitEvery: number;
  trainWindow: number;
  seed: number;
  horizons: readonly HorizonKey[];
  /** Fits kept by an earlier run under the same configuration. */
  stored?: readonly StoredFit[];
}): RefitPlanner {
  const { spec, series, fingerprints, minTrain, refitEvery } = o;
  const chain = spec.warmStart ? refitEvery * Math.max(1, spec.warmStart.coldEvery) : 0;
  const anchorOf = (r: number) => (chain ? refitOriginOf(r, { minTrain, refitEvery: chain }) : r);
  const valid = (f: StoredFit) => f.index < series.dates.length && fingerprints[f.index] === f.fingerprint && series.dates[f.index] === f.date;
  const stored = new Map((o.stored ?? []).filter(valid).map((f) => [f.index, f]));
  const made = new Map<number, Entry>();
  let fits = 0;
  let fitMs = 0;

  const stateOf = (e: Entry) => (e.state ??= e.model.toState());

  async function entryAt(r: number): Promise<Entry> {
    const have = made.get(r);
    if (have) return have;
    const s = stored.get(r);
    let entry: Entry;
    if (s) entry = { model: await spec.load(s.state), state: s.state };
    else {
      const warm = await warmFor(r);
      const start = performance.now();
      const model = await spec.fit(windowSeries(series, r + 1 - o.trainWindow, r + 1), { seed: o.seed, horizons: [...o.horizons], ...(warm ? { warm } : {}) });
      fitMs += performance.now() - start;
      fits++;
      entry = { model };
      // One event-loop turn per fit: when training runs on the calling thread (no worker pool) job polls
      // and progress writes must get through while it runs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Origins move forward: fits before r's anchor are never needed again in this run.
    for (const k of made.keys()) if (k < anchorOf(r)) made.delete(k);
    made.set(r, entry);
    return entry;
  }

  async function warmFor(index: number): Promise<ModelState | undefined> {
    const a = anchorOf(index);
    if (!chain || a === index) return undefined;
    return stateOf(await entryAt(a));
  }

  return {
    at: async (r) => (await entryAt(r)).model,
    warmFor,
    get fits() {
      return fits;
    },
    get fitMs() {
      return fitMs;
    },
    keep(lastOrigin) {
      const current = refitOriginOf(lastOrigin, { minTrain, refitEvery });
      const wanted = new Set([anchorOf(current), current]);
      const out = new Map<number, StoredFit>();
      for (const [index, f] of stored) if (wanted.has(index)) out.set(index, f);
      for (const [index, e] of made) {
        if (wanted.has(index)) out.set(index, { index, date: series.dates[index], fingerprint: fingerprints[index], state: stateOf(e) });
      }
      return [...out.values()].sort((a, b) => a.index - b.index);
    },
  };
}
