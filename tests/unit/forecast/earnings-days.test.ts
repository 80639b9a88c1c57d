import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries } from "@/server/forecast/data";
import { expectedNext, gapAndVolumeRatios, hitRate, inferEarningsDays } from "@/server/forecast/volatility/earnings";
import { alterFuture } from "./look-ahead";

// TSLA's 8-K item 2.02 filings 2019-10..2022-10 from a recorded EDGAR submissions answer (source in the file).
const filed = JSON.parse(readFileSync("tests/fixtures/providers/edgar/tsla-8k-item-202-2019-2022.json", "utf8")) as {
  earnings: { filed: string }[];
  deliveries: { released: string }[];
};

describe("inferEarningsDays", () => {
  it("measures its hit rate on TSLA against the 8-K item 2.02 dates: a hard case, recall 1 in 13", () => {
    const s = readSeriesCsv({ symbol: "TSLA" });
    // Tesla releases after the close (or on a weekend): the first bar after the date reacts.
    const barAfter = (d: string) => s.dates.findIndex((x) => x > d);
    const earnings = filed.earnings.map((e) => barAfter(e.filed));
    const any202 = [...earnings, ...filed.deliveries.map((e) => barAfter(e.released))];
    expect(s.dates[earnings[earnings.length - 1]]).toBe("2022-10-20");
    const lo = barAfter("2019-10-01");
    const hi = barAfter("2022-10-25");
    const inferred = inferEarningsDays(s).filter((i) => i >= lo && i < hi);
    expect(inferred.map((i) => s.dates[i])).toEqual(["2019-10-03", "2020-01-13", "2021-02-23", "2021-10-25", "2022-01-24", "2022-04-21"]);
    // Within one bar: only 2022-04-21 is a release day (precision 1/6, recall 1/13 and 1/24 of every 2.02 filing).
    expect(hitRate({ inferred, truth: earnings, slack: 1 })).toEqual({ hits: 1, found: 1, precision: 1 / 6, recall: 1 / 13 });
    expect(hitRate({ inferred, truth: any202, slack: 1 })).toMatchObject({ hits: 1, found: 1, recall: 1 / 24 });
    // Why: most TSLA releases open near the previous close (gap / quarter's mean gap below 2.5) or on ordinary volume.
    const r = gapAndVolumeRatios(s);
    const quiet = earnings.filter((t) => !(r.gap[t] >= 2.5 && r.volume[t] >= 1.5));
    expect(quiet.length).toBe(8);
    expect(r.gap[barAfter("2022-01-26")]).toBeLessThan(0.3); // opened flat, fell 11% during the day
  });

  it("finds a quarterly cadence on a large cap with a regular calendar (MSFT: the day after each release of 2022-07..2023-10)", () => {
    const s = readSeriesCsv({ symbol: "MSFT" });
    const inferred = inferEarningsDays(s).map((i) => s.dates[i]);
    expect(inferred.filter((d) => d >= "2022-07-01")).toEqual(["2022-07-27", "2022-10-26", "2023-01-25", "2023-04-26", "2023-07-26", "2023-10-25"]);
  });

  it("is causal: a prefix of the bars, or a different future, leaves every earlier inferred day unchanged", () => {
    const s = readSeriesCsv({ symbol: "AAPL" });
    const full = inferEarningsDays(s);
    for (const cut of [1500, 2600, s.close.length - 300]) {
      expect(inferEarningsDays(sliceSeries(s, cut))).toEqual(full.filter((i) => i < cut));
      expect(inferEarningsDays(alterFuture(s, cut)).filter((i) => i < cut)).toEqual(full.filter((i) => i < cut));
    }
  });

  it("projects the next release from the median spacing of the last four, a skipped quarter counting as two", () => {
    expect(expectedNext([])).toBeNull();
    expect(expectedNext([100])).toBe(163);
    expect(expectedNext([100, 162, 226, 289])).toBe(289 + 63);
    // 100 -> 230 is two quarters of 65: spacings 65, 64, 62 -> median 64.
    expect(expectedNext([100, 230, 294, 356])).toBe(356 + 64);
    // Bounded to 50..80 bars.
    expect(expectedNext([100, 140, 180])).toBe(180 + 50);
  });

  it("counts hits within the slack both ways", () => {
    expect(hitRate({ inferred: [10, 20, 31], truth: [10, 30, 50], slack: 1 })).toEqual({ hits: 2, found: 2, precision: 2 / 3, recall: 2 / 3 });
    expect(hitRate({ inferred: [10, 20, 31], truth: [10, 30, 50] })).toEqual({ hits: 1, found: 1, precision: 1 / 3, recall: 1 / 3 });
  });
});
