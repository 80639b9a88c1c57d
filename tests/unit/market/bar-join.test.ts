import { describe, expect, it } from "vitest";
import { joinSeries, matchFactor } from "@/server/market/bar-store/join";
import type { Bar } from "@/server/market/types";
import { adjustedContinuation, asTraded, shippedCsv } from "../../support/split-series";

const worstDailyMove = (bars: Bar[]) => Math.min(...bars.slice(1).map((b, i) => b.close / bars[i]!.close - 1));

describe("joining shipped history with a provider's series", () => {
  const nvda = shippedCsv("NVDA");

  it("finds NVDA's 10:1 split at the join and rescales the shipped history, volumes inversely", () => {
    // The provider's view today: split-adjusted, 30 shipped sessions of overlap, then through 2024-07-01.
    const provider = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 30, extra: 80 });
    expect(provider.at(-1)!.time > "2024-06-10").toBe(true);
    const j = joinSeries({ older: nvda, newer: provider });
    expect(j).toMatchObject({ ok: true, factor: 10, overlap: 30, rescaledBefore: provider[0]!.time });
    if (!j.ok) return;
    expect(j.bars).toHaveLength(nvda.length + 80);
    // 2024-01-02 as shipped (481.68 on 411,254,000 shares) is now 48.168 on 4,112,540,000.
    const jan2 = j.bars.find((b) => b.time === "2024-01-02")!;
    const shippedJan2 = nvda.find((b) => b.time === "2024-01-02")!;
    expect(jan2.close).toBeCloseTo(shippedJan2.close / 10, 6);
    expect(jan2.volume).toBe(shippedJan2.volume * 10);
    expect(j.bars[0]!.close).toBeCloseTo(nvda[0]!.close / 10, 8);
    // The last shipped session joins the provider's at its own price: no 90% crash anywhere in 24 years.
    expect(j.bars.find((b) => b.time === "2024-03-08")!.close).toBeCloseTo(87.528, 3);
    expect(worstDailyMove(j.bars)).toBeGreaterThan(-0.5);
    expect(worstDailyMove([...nvda, ...provider.slice(30)])).toBeLessThan(-0.85);
  });

  it("finds AVGO's 10:1 split the same way", () => {
    const avgo = shippedCsv("AVGO");
    const provider = adjustedContinuation({ symbol: "AVGO", ratio: 10, overlap: 15, extra: 100 });
    const j = joinSeries({ older: avgo, newer: provider });
    expect(j).toMatchObject({ ok: true, factor: 10, overlap: 15 });
  });

  it("joins a clean overlap as it is, the provider's bars winning on shared sessions", () => {
    const provider = adjustedContinuation({ symbol: "NVDA", ratio: 1, overlap: 20, extra: 5 });
    provider[0] = { ...provider[0]!, close: provider[0]!.close * 1.004, high: provider[0]!.high * 1.004 };
    const j = joinSeries({ older: nvda, newer: provider });
    expect(j).toMatchObject({ ok: true, factor: 1, rescaledBefore: null, overlap: 20 });
    if (!j.ok) return;
    expect(j.bars).toHaveLength(nvda.length + 5);
    expect(j.bars[nvda.length - 20]).toEqual(provider[0]);
    expect(j.bars[nvda.length - 21]).toEqual(nvda[nvda.length - 21]);
  });

  it("dates a split inside the overlap: an as-traded series already past the split, against an adjusted one", () => {
    const adjusted = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 30, extra: 80 });
    // What Alpha Vantage (as traded) served over the months, held since: the old scale until 2024-06-07.
    const held = asTraded(adjusted.filter((b) => b.time <= "2024-06-14"), { ratio: 10, splitDate: "2024-06-10" });
    const topUp = adjusted.filter((b) => b.time >= "2024-05-20");
    const j = joinSeries({ older: held, newer: topUp });
    expect(j).toMatchObject({ ok: true, factor: 10, rescaledBefore: "2024-06-10" });
    if (!j.ok) return;
    const may1 = j.bars.find((b) => b.time === "2024-05-01")!;
    expect(may1.close).toBeCloseTo(adjusted.find((b) => b.time === "2024-05-01")!.close, 6);
    expect(worstDailyMove(j.bars)).toBeGreaterThan(-0.5);
  });

  it("refuses an overlap that disagrees by 7% (not a split ratio), saying where", () => {
    const provider = adjustedContinuation({ symbol: "NVDA", ratio: 1, overlap: 10, extra: 3 }).map((b) => ({ ...b, open: b.open * 1.07, high: b.high * 1.07, low: b.low * 1.07, close: b.close * 1.07 }));
    const j = joinSeries({ older: nvda, newer: provider });
    expect(j).toMatchObject({ ok: false, disjoint: false, overlap: 10 });
    if (j.ok) return;
    expect(j.reason).toMatch(/^the overlap disagrees: 10 shared sessions, close ratio 0\.93\d\d on 2024-0\d-\d\d is neither 1 nor a split ratio within 2%$/);
  });

  it("refuses an overlap that agrees on some sessions and not on others", () => {
    const provider = adjustedContinuation({ symbol: "NVDA", ratio: 1, overlap: 10, extra: 3 });
    provider[6] = { ...provider[6]!, close: provider[6]!.close * 0.95, low: provider[6]!.low * 0.95 };
    expect(joinSeries({ older: nvda, newer: provider })).toMatchObject({ ok: false, overlap: 10 });
  });

  it("refuses a series that ends before the held one (truncated) and one that does not overlap it", () => {
    const truncated = nvda.slice(-40, -5);
    expect(joinSeries({ older: nvda, newer: truncated })).toMatchObject({ ok: false, reason: "the new series ends 2024-03-01, before the 2024-03-08 already held (truncated?)" });
    const later = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 1, extra: 20 }).slice(5);
    expect(joinSeries({ older: nvda, newer: later })).toMatchObject({ ok: false, disjoint: true, overlap: 0 });
  });

  it("matches only 1 and split ratios within 2%", () => {
    expect([1.015, 9.9, 0.1005, 1.52, 2.0, 0.5].map(matchFactor)).toEqual([1, 10, 0.1, 1.5, 2, 0.5]);
    expect([1.03, 1.1, 9.5, 0.93, 0, Number.NaN].map(matchFactor)).toEqual([null, null, null, null, null, null]);
  });
});
