import { describe, expect, it } from "vitest";
import { firstScoredOrigins } from "@/server/forecast/backtest";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { HORIZON_KEYS, type HorizonKey, type PriceSeries } from "@/server/forecast/types";
import { volRefitBarOf } from "@/server/forecast/volatility/models";
import { finalVolStates, planVolatility, VOL_PLAN_DEFAULTS, volPlanModels, type VolPlan } from "@/server/forecast/volatility/plan";
import { shippedMarketVariance } from "@/server/forecast/volatility/shipped-market";
import { mergeVolStore, type StoredVolPlan } from "@/server/forecast/volatility/store";

// The shipped AAPL bars with the shipped market term. 1,515 bars: bar 1,512 (a multiple of the refit
// cadence, 21) is one of the last five, so the five new bars bring one new refit bar per model.
const full = readSeriesCsv({ symbol: "AAPL" });
const aapl = windowSeries(full, full.dates.length - 1515);
const n = aapl.dates.length;
const market = shippedMarketVariance();
const every = VOL_PLAN_DEFAULTS.refitEvery;
/** The plan's candidates: EWMA, GARCH, GJR and the preferred log-HAR variant. */
const VOL_MODEL_NAMES = volPlanModels();

/** A plan as training makes it (scored window as a backtest of 150 origins with 40 of warm-up), and its final fits. */
function plan(series: PriceSeries, o: { stored?: StoredVolPlan; horizons?: readonly HorizonKey[] } = {}) {
  const firstScored = firstScoredOrigins(series.close.length, { origins: 150, warmup: 40, minTrain: 252, horizons: o.horizons ?? HORIZON_KEYS });
  const p = planVolatility({ series, market, firstScored, stored: o.stored });
  const finals = finalVolStates(p, o.stored);
  return { plan: p, finals };
}

/** What the store holds after a run (unchanged when the run computed nothing). */
const storeAfter = (p: VolPlan, before?: StoredVolPlan): StoredVolPlan => mergeVolStore({ before, update: p.store }) ?? before!;

/** Refit bars a plan over this series uses: every multiple of 21 from the one serving its first bar. */
const refitBars = (p: VolPlan, last: number) => {
  const out: number[] = [];
  for (let b = volRefitBarOf(p.from, every); b <= last; b += every) out.push(b);
  return out;
};

function expectSamePlan(a: ReturnType<typeof plan>, b: ReturnType<typeof plan>) {
  expect(b.plan.from).toBe(a.plan.from);
  for (const h of HORIZON_KEYS) {
    const x = a.plan.horizons[h]!;
    const y = b.plan.horizons[h]!;
    expect(y.chosen).toBe(x.chosen);
    expect(y.selectionOrigins).toBe(x.selectionOrigins);
    expect(Object.keys(y.selection).sort()).toEqual([...VOL_MODEL_NAMES].sort());
    for (const m of VOL_MODEL_NAMES) expect(Math.abs(y.selection[m]! - x.selection[m]!)).toBeLessThanOrEqual(1e-9);
    for (const k of ["sd", "refSd"] as const) {
      expect(y[k].length).toBe(x[k].length);
      let finite = 0;
      for (let i = 0; i < x[k].length; i++) {
        if (Number.isNaN(x[k][i])) expect(y[k][i]).toBeNaN();
        else {
          finite++;
          expect(Math.abs(y[k][i] - x[k][i])).toBeLessThanOrEqual(1e-9);
        }
      }
      expect(finite).toBeGreaterThanOrEqual(n - a.plan.from);
    }
    expect(b.finals[h]).toEqual(a.finals[h]);
  }
}

describe("stored volatility fits", () => {
  it("a plan on bars[..n-5] then on bars[..n] with the stored fits equals a plan from nothing on bars[..n], fitting only the new refit bars", () => {
    const first = plan(sliceSeries(aapl, n - 5));
    const stored = storeAfter(first.plan);
    const incremental = plan(aapl, { stored });
    const fresh = plan(aapl);
    expectSamePlan(fresh, incremental);

    // One new refit bar (1,512) per volatility model; every other fit comes from the store.
    expect(refitBars(fresh.plan, n - 1).at(-1)).toBe(1512);
    expect(incremental.plan.store.computed.map((f) => [f.model, f.index])).toEqual(VOL_MODEL_NAMES.map((m) => [m, 1512]));
    const fits = refitBars(fresh.plan, n - 1).length * VOL_MODEL_NAMES.length;
    expect(fresh.plan.store.computed).toHaveLength(fits);
    expect(fresh.plan.store.reused).toBe(0);
    expect(incremental.plan.store.reused).toBe(fits - VOL_MODEL_NAMES.length);
    // The last bar changed, so the final fits are refitted.
    expect(incremental.plan.store.finalsComputed).toBe(HORIZON_KEYS.length);
    // The stored fits themselves equal the full run's, bar by bar (after a JSON round trip, as in the database).
    const after = JSON.parse(JSON.stringify(storeAfter(incremental.plan, stored))) as StoredVolPlan;
    expect(after).toEqual(JSON.parse(JSON.stringify(storeAfter(fresh.plan))));

    // No new bars: no fit at all, the final fits reused, the same plan; nothing new to write.
    const again = plan(aapl, { stored: after });
    expect(again.plan.store.computed).toHaveLength(0);
    expect(again.plan.store.reused).toBe(fits);
    expect(again.plan.store.finalsComputed).toBe(0);
    expectSamePlan(fresh, again);
    expect(mergeVolStore({ before: after, update: again.plan.store })).toBeNull();
  });

  it("a corrected past bar refits exactly the refit bars from it on", () => {
    const before = plan(aapl);
    const at = n - 100;
    const bump = (a: Float64Array) => a.map((v, i) => (i === at ? v * 1.03 : v));
    const fixed: PriceSeries = { ...aapl, open: bump(aapl.open), high: bump(aapl.high), low: bump(aapl.low), close: bump(aapl.close), adjClose: bump(aapl.adjClose) };
    const after = plan(fixed, { stored: storeAfter(before.plan) });
    const expected = refitBars(before.plan, n - 1).filter((b) => b >= at);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(after.plan.store.computed.map((f) => [f.model, f.index]).sort()).toEqual(expected.flatMap((b) => VOL_MODEL_NAMES.map((m) => [m, b])).sort());
    expectSamePlan(plan(fixed), after);
    // The fits before the corrected bar are the stored ones, and the variance paths agree up to it.
    for (const h of HORIZON_KEYS) {
      const x = before.plan.horizons[h]!.sd;
      const y = after.plan.horizons[h]!.sd;
      expect(Array.from(y.subarray(before.plan.from, at))).toEqual(Array.from(x.subarray(before.plan.from, at)));
      expect(Array.from(y.subarray(at + 1))).not.toEqual(Array.from(x.subarray(at + 1)));
    }
  });

  it("a changed setting reuses nothing", () => {
    const before = plan(aapl);
    // Planning two horizons instead of three: the HAR fits are per horizon, so the hash changes.
    const after = plan(aapl, { stored: storeAfter(before.plan), horizons: ["1d", "1w"] });
    expect(after.plan.store.configHash).not.toBe(before.plan.store.configHash);
    expect(after.plan.store.reused).toBe(0);
    expect(after.plan.store.computed).toHaveLength(refitBars(after.plan, n - 1).length * VOL_MODEL_NAMES.length);
    expect(after.plan.store.finalsComputed).toBe(2);
    // The store then holds only fits under the new hash.
    const merged = mergeVolStore({ before: storeAfter(before.plan), update: after.plan.store })!;
    expect(merged.configHash).toBe(after.plan.store.configHash);
    expect(merged.fits).toHaveLength(after.plan.store.computed.length);
  });

  it("a changed market term refits from the first bar where it differs", () => {
    const before = plan(aapl);
    // The market variance of one date changed (say a ticker of the shipped set was corrected).
    const at = n - 60;
    const changed = new Map(market);
    changed.set(aapl.dates[at], market.get(aapl.dates[at])! * 2);
    const firstScored = firstScoredOrigins(n, { origins: 150, warmup: 40, minTrain: 252, horizons: HORIZON_KEYS });
    const after = planVolatility({ series: aapl, market: changed, firstScored, stored: storeAfter(before.plan) });
    const expected = refitBars(before.plan, n - 1).filter((b) => b >= at);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(after.store.computed.map((f) => [f.model, f.index]).sort()).toEqual(expected.flatMap((b) => VOL_MODEL_NAMES.map((m) => [m, b])).sort());
  });

  it("the shipped plan prefers the log-HAR with a gap term (the plain one is an option with its own configuration), with no look-ahead", () => {
    const firstScored = firstScoredOrigins(n, { origins: 150, warmup: 40, minTrain: 252, horizons: HORIZON_KEYS });
    const split = planVolatility({ series: aapl, market, firstScored });
    const plain = planVolatility({ series: aapl, market, firstScored, preferred: "har" });
    expect(split.store.configHash).not.toBe(plain.store.configHash);
    expect(Object.keys(split.horizons["1d"]!.selection).sort()).toEqual(["ewma", "garch", "gjr", "harj"]);
    expect(Object.keys(plain.horizons["1d"]!.selection).sort()).toEqual(["ewma", "garch", "gjr", "har"]);
    expect(new Set(split.store.computed.map((f) => f.model))).toEqual(new Set(["ewma", "garch", "gjr", "harj"]));
    // The same EWMA/GARCH/GJR fits, a different scale (the preferred model is kept on AAPL at the 10% margin).
    expect(split.horizons["1d"]!.selection.garch).toBe(plain.horizons["1d"]!.selection.garch);
    expect(split.horizons["1d"]!.chosen).toBe("harj");
    expect(plain.horizons["1d"]!.chosen).toBe("har");
    expect(Array.from(split.horizons["1d"]!.sd.subarray(split.from))).not.toEqual(Array.from(plain.horizons["1d"]!.sd.subarray(plain.from)));
    // Bars after `cut` rewritten (the overnight gaps too): every sd up to it is unchanged, later ones move.
    const cut = n - 40;
    const f = (a: Float64Array) => a.map((v, i) => (i > cut ? v * (1.3 + 0.2 * Math.sin(i)) : v));
    const future: PriceSeries = { ...aapl, open: f(aapl.open), high: f(aapl.high), low: f(aapl.low), close: f(aapl.close), adjClose: f(aapl.adjClose) };
    const rewritten = planVolatility({ series: future, market, firstScored });
    for (const h of HORIZON_KEYS) {
      const x = split.horizons[h]!.sd;
      const y = rewritten.horizons[h]!.sd;
      expect(rewritten.horizons[h]!.chosen).toBe(split.horizons[h]!.chosen);
      expect(Array.from(y.subarray(split.from, cut + 1))).toEqual(Array.from(x.subarray(split.from, cut + 1)));
      expect(Array.from(y.subarray(cut + 1))).not.toEqual(Array.from(x.subarray(cut + 1)));
    }
  });
});
