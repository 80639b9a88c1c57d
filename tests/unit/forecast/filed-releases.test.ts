import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backtest } from "@/server/forecast/backtest";
import { readSeriesCsv, sliceSeries } from "@/server/forecast/data";
import { scoreIntervals } from "@/server/forecast/interval-scores";
import { naiveModel } from "@/server/forecast/models/naive";
import type { PriceSeries } from "@/server/forecast/types";
import { expectedEventDays, expectedReleaseDays, releaseDaysOf } from "@/server/forecast/volatility/event-term";
import { eventSourceOf, expectedFiledDays, filedReleaseBar, filedReleaseBars, releasePeriod } from "@/server/forecast/volatility/filed-releases";
import { shippedMarketVariance } from "@/server/forecast/volatility/shipped-market";

// TSLA's 8-K item 2.02 filings 2019-10..2022-10 (a recorded EDGAR answer; dates only) and the two rows of the
// recorded submissions excerpt that carry EDGAR's acceptance time.
const rec = JSON.parse(readFileSync("tests/fixtures/providers/edgar/tsla-8k-item-202-2019-2022.json", "utf8")) as { earnings: { filed: string }[]; deliveries: { released: string }[] };
const tslaFiled = [
  ...rec.earnings.filter((e) => e.filed < "2022-10-01").map((e) => ({ filedAt: `${e.filed}T00:00:00.000Z` })),
  ...rec.deliveries.filter((d) => d.released < "2022-10-01").map((d) => ({ filedAt: `${d.released}T00:00:00.000Z` })),
  { filedAt: "2022-10-03T06:05:40.000Z" },
  { filedAt: "2022-10-19T17:15:46.000Z" },
];

/** Business days from 2021-01-04, flat prices: no release day can be inferred from these bars. */
function flatSeries(n: number, filed?: { filedAt: string }[]): PriceSeries {
  const dates: string[] = [];
  for (let d = new Date("2021-01-04T00:00:00Z"); dates.length < n; d.setUTCDate(d.getUTCDate() + 1)) if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
  const one = () => new Float64Array(n).fill(100);
  return { symbol: "FLAT", dates, open: one(), high: one(), low: one(), close: one(), adjClose: one(), volume: one(), ...(filed ? { filed } : {}) };
}

describe("filedReleaseBar: the bar a filing moves is the first whose close is at or after its acceptance", () => {
  const dates = ["2022-09-30", "2022-10-03", "2022-10-04", "2022-10-19", "2022-10-20", "2022-10-21"];
  it("before the open or during the session: that day; at or after the close, on a weekend or with no time: the next session", () => {
    expect(filedReleaseBar(dates, "2022-10-03T06:05:40.000Z")).toBe(1); // Tesla's deliveries 8-K, before the open
    expect(filedReleaseBar(dates, "2022-10-03T12:30:00.000Z")).toBe(1);
    expect(filedReleaseBar(dates, "2022-10-03T15:59:59.000Z")).toBe(1);
    expect(filedReleaseBar(dates, "2022-10-03T16:00:00.000Z")).toBe(2);
    expect(filedReleaseBar(dates, "2022-10-19T17:15:46.000Z")).toBe(4); // Tesla's Q3 results, after the close
    expect(filedReleaseBar(dates, "2022-10-01T10:00:00.000Z")).toBe(1); // a Saturday
    expect(filedReleaseBar(dates, "2022-10-03T00:00:00.000Z")).toBe(2); // a date without a time
    expect(filedReleaseBar(dates, "2022-09-29T17:00:00.000Z")).toBeNull(); // before the bars
    expect(filedReleaseBar(dates, "2022-10-21T16:05:00.000Z")).toBeNull(); // after the last close: not known yet
  });

  it("keeps one bar per release (filings within 5 bars: the first) and reads Tesla's record onto its bars", () => {
    const s = readSeriesCsv({ symbol: "TSLA" });
    const bars = filedReleaseBars({ ...s, filed: tslaFiled });
    expect(bars).toHaveLength(24);
    const at = (d: string) => bars.map((i) => s.dates[i]).includes(d);
    expect([at("2022-07-21"), at("2022-10-03"), at("2022-10-20"), at("2022-10-19")]).toEqual([true, true, true, false]);
    expect(filedReleaseBars({ ...s, filed: [{ filedAt: "2022-07-20T16:05:00Z" }, { filedAt: "2022-07-22T08:00:00Z" }] }).map((i) => s.dates[i])).toEqual(["2022-07-21"]);
    expect(eventSourceOf(s)).toBe("inferred");
    expect(eventSourceOf({ ...s, filed: [{ filedAt: "2030-01-02T08:00:00Z" }] })).toBe("inferred"); // none on the bars
    expect(eventSourceOf({ ...s, filed: tslaFiled })).toBe("filed");
  });
});

describe("expectedFiledDays: the next release of each stream, a period after the last", () => {
  it("projects one quarter on, spread over +-5 bars, by hand", () => {
    expect(releasePeriod([100, 163])).toBe(63);
    expect(releasePeriod([100, 120, 163, 185])).toBe(65); // two streams: 185-120, 163-100 -> median of [63, 65]
    const p = expectedFiledDays({ events: [100, 163], n: 240, steps: 5, spread: 5, from: 0 });
    expect(p[99]).toBe(0);
    expect(p[220]).toBeCloseTo(5 / 11, 15); // release expected at 226: bars 221..231, five of them in 221..225
    expect(p[224]).toBeCloseTo(5 / 7, 15); // 225..231 left
    expect(p[232]).toBe(0); // the window passed without a release
  });

  it("keeps two streams apart (Tesla's deliveries and results each recur a quarter later)", () => {
    const p = expectedFiledDays({ events: [100, 120, 163, 183], n: 260, steps: 5, spread: 5, from: 0 });
    expect(p[222]).toBeCloseTo(5 / 9, 15); // 226 (bars 223..231 left); 246 still far
    expect(p[238]).toBeCloseTo(3 / 11, 15); // 226 passed; 246: bars 241..251, three of them in 239..243
  });
});

describe("causality: a filing counts at an origin only if it was accepted by that origin's close", () => {
  // Releases at bars 100 and 163 (each filed after the close of the bar before), so the next is expected at 226.
  const base = (s: PriceSeries) => [99, 162].map((i) => ({ filedAt: `${s.dates[i]}T16:05:00.000Z` }));
  const flat = flatSeries(300);
  const known = base(flat);
  const days = (filed: { filedAt: string }[]) => expectedReleaseDays({ series: flatSeries(300, filed), steps: 5, source: "filed" });

  it("a release accepted after the close of origin t is seen from t + 1 on, one accepted before it at t", () => {
    const without = days(known);
    const afterClose = days([...known, { filedAt: `${flat.dates[220]}T16:05:00.000Z` }]);
    const beforeClose = days([...known, { filedAt: `${flat.dates[220]}T15:59:00.000Z` }]);
    expect(without[220]).toBeCloseTo(5 / 11, 15);
    expect(without[221]).toBeCloseTo(5 / 10, 15);
    // Filed at 16:05 on bar 220's date: unseen at 220 (and before), at 221 the expected release has arrived.
    expect(Array.from(afterClose.subarray(0, 221))).toEqual(Array.from(without.subarray(0, 221)));
    expect(afterClose[221]).toBe(0);
    // Filed at 15:59 the same day: seen at 220 already.
    expect(Array.from(beforeClose.subarray(0, 220))).toEqual(Array.from(without.subarray(0, 220)));
    expect(beforeClose[220]).toBe(0);
  });

  it("on Tesla's bars and filings: each origin's value is the one its prefix gives (nothing after its close is read)", () => {
    const s: PriceSeries = { ...readSeriesCsv({ symbol: "TSLA" }), filed: tslaFiled };
    for (const h of [1, 5]) {
      const full = expectedReleaseDays({ series: s, steps: h, source: "filed" });
      for (const cut of [s.dates.indexOf("2020-01-03"), s.dates.indexOf("2022-07-20"), s.dates.indexOf("2022-10-19")]) {
        const prefix = expectedReleaseDays({ series: sliceSeries(s, cut + 1), steps: h, source: "filed" });
        expect(Array.from(prefix)).toEqual(Array.from(full.subarray(0, cut + 1)));
      }
      // Before the first filing the inferred projection, exactly; from it on the filed one.
      const first = filedReleaseBars(s)[0];
      const inferred = expectedEventDays({ events: releaseDaysOf(s), n: s.close.length, steps: h });
      expect(Array.from(full.subarray(0, first))).toEqual(Array.from(inferred.subarray(0, first)));
      expect(Array.from(full.subarray(first))).not.toEqual(Array.from(inferred.subarray(first)));
    }
    // The day before Tesla's Q3 2022 results (after the close of 2022-10-19): expected from the July results' cadence.
    const t = s.dates.indexOf("2022-10-19");
    expect(expectedReleaseDays({ series: s, steps: 5, source: "filed" })[t]).toBeGreaterThan(0.4);
  });
});

describe("offline (no stored dates) nothing changes", () => {
  it("the shipped set's naive scores on JPM are byte-identical with no filed dates, an empty list or filings off the bars", async () => {
    const s = readSeriesCsv({ symbol: "JPM" });
    const market = shippedMarketVariance();
    // Two hashes: the scores under plain split conformal (regime "none"), pinned to an earlier engine, and
    // under the default intervals (the shock-slope mode since 2026-12-07 13:00), compared across the cases.
    const hashOf = async (series: PriceSeries) => {
      const bt = await backtest({ spec: naiveModel, series, market });
      const plain = createHash("sha256");
      const dflt = createHash("sha256");
      for (const k of ["1d", "2d", "1w"] as const) {
        const hb = bt.horizons[k]!;
        plain.update(Buffer.from(hb.scale.buffer, hb.scale.byteOffset, hb.scale.byteLength));
        const sc = scoreIntervals(hb, { regime: "none" });
        plain.update(JSON.stringify([sc.winkler, sc.miss, sc.crps, sc.width]));
        const sd = scoreIntervals(hb);
        dflt.update(JSON.stringify([sd.winkler, sd.miss, sd.crps, sd.width]));
      }
      return `${plain.digest("hex")}:${dflt.digest("hex")}`;
    };
    // The plain part computed by the same steps on main at 55e7158 with no filed dates (the log-HAR with its
    // gap-share term; on a4ddf51, before the engine read filed dates and before that term, ac97b143...).
    const pinned = "0b43dcac810e58ab3e91637b1c9cc170fbc605df815da4174c1e6d80419db176";
    const before = await hashOf(s);
    expect(before.split(":")[0]).toBe(pinned);
    expect(await hashOf({ ...s, filed: [] })).toBe(before);
    expect(await hashOf({ ...s, filed: [{ filedAt: "2030-01-02T08:00:00.000Z" }] })).toBe(before); // none on the bars
    // And with filings on its bars the scores move, under both (the check can fail).
    const on = (await hashOf({ ...s, filed: [{ filedAt: "2023-10-13T07:00:00.000Z" }, { filedAt: "2024-01-12T07:00:00.000Z" }] })).split(":");
    expect(on[0]).not.toBe(pinned);
    expect(on[1]).not.toBe(before.split(":")[1]);
  }, 120_000);
});
