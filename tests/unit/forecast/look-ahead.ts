// The no-look-ahead check shared by the backtest and model tests: the future is changed inside the
// backtest's series, and everything known before the change must come out identical.
import { expect } from "vitest";
import { backtest, type BacktestOptions } from "@/server/forecast/backtest";
import { scoreIntervals } from "@/server/forecast/interval-scores";
import { intervalPath } from "@/server/forecast/intervals";
import type { HorizonKey, PriceSeries } from "@/server/forecast/types";

/** Same bars before `from`, a different (scaled, wiggled) future from it on. */
export function alterFuture(s: PriceSeries, from: number): PriceSeries {
  const f = (a: Float64Array) => a.map((v, i) => (i >= from ? v * (1.4 + 0.2 * Math.sin(i)) : v));
  return { ...s, open: f(s.open), high: f(s.high), low: f(s.low), close: f(s.close), adjClose: f(s.adjClose), volume: f(s.volume) };
}

/**
 * Backtests the series and a copy whose bars from `cut` on are rewritten. Forecasts, volatility scales and
 * interval widths at origins before the cut, and every score whose outcome is before it, must be equal;
 * later forecasts must differ (so the check can fail).
 */
export async function expectNoLookAhead(o: Omit<BacktestOptions, "series" | "horizons"> & { series: PriceSeries; cut: number; horizons: HorizonKey[] }) {
  const { cut, series, ...opts } = o;
  const a = await backtest({ ...opts, series });
  const b = await backtest({ ...opts, series: alterFuture(series, cut) });
  for (const h of o.horizons) {
    const x = a.horizons[h]!;
    const y = b.horizons[h]!;
    expect(Array.from(y.origin)).toEqual(Array.from(x.origin));
    const before = Array.from(x.origin).filter((t) => t < cut).length;
    const known = Array.from(x.origin).filter((t) => t + x.steps < cut).length;
    expect(known).toBeGreaterThan(x.evalStart + 10);
    expect(Array.from(y.forecast.subarray(0, before))).toEqual(Array.from(x.forecast.subarray(0, before)));
    expect(Array.from(y.scale.subarray(0, before))).toEqual(Array.from(x.scale.subarray(0, before)));
    expect(y.volModel).toBe(x.volModel);
    const px = intervalPath(x);
    const py = intervalPath(y);
    for (const k of ["80", "95", "99"] as const) expect(Array.from(py.half[k].subarray(0, before))).toEqual(Array.from(px.half[k].subarray(0, before)));
    const sx = scoreIntervals(x);
    const sy = scoreIntervals(y);
    const n = known - x.evalStart;
    for (const k of ["80", "95", "99"] as const) {
      expect(sy.winkler[k].slice(0, n)).toEqual(sx.winkler[k].slice(0, n));
      expect(sy.miss[k].slice(0, n)).toEqual(sx.miss[k].slice(0, n));
    }
    expect(sy.crps.slice(0, n)).toEqual(sx.crps.slice(0, n));
    expect(Array.from(y.forecast.subarray(before))).not.toEqual(Array.from(x.forecast.subarray(before)));
    expect(Array.from(y.scale.subarray(before))).not.toEqual(Array.from(x.scale.subarray(before)));
  }
}
