import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries } from "@/server/forecast/data";
import { inferEarningsDays } from "@/server/forecast/volatility/earnings";
import { cleanedRangeVariance, EVENT_TERM, eventDayZ2, eventFactorAtEnd, expectedEventDays, withEventTerm } from "@/server/forecast/volatility/event-term";
import { rangeVariance } from "@/server/forecast/volatility/range";
import { alterFuture } from "./look-ahead";

describe("expectedEventDays", () => {
  // Releases at bars 10 and 73: the next is projected at 136, spread over 131..141 (11 bars).
  const events = [10, 73];
  const p = (steps: number) => expectedEventDays({ events, n: 160, steps, spread: 5 });

  it("spreads the projected release uniformly and counts the part of it inside the horizon", () => {
    expect(p(1)[5]).toBe(0); // no release seen yet
    // From bar 10 alone the release is expected at 73 +- 5; by bar 72 it was not seen, so 73..78 are left.
    expect(p(1)[72]).toBeCloseTo(1 / 6, 12);
    expect(p(1)[120]).toBe(0);
    expect(p(1)[130]).toBeCloseTo(1 / 11, 12);
    expect(p(5)[128]).toBeCloseTo(3 / 11, 12); // bars 129..133, of which 131..133 in the window
    // Not seen by bar 135: the mass left is over 136..141 (6 bars); the week ahead holds 5 of them.
    expect(p(5)[135]).toBeCloseTo(5 / 6, 12);
    expect(p(1)[141]).toBe(0);
  });

  it("before the second release, projects a quarter after the first", () => {
    // From bar 10 alone the release is expected at 73 +- 5 = 68..78.
    expect(p(1)[67]).toBeCloseTo(1 / 11, 12);
    expect(p(2)[70]).toBeCloseTo(2 / 8, 12); // 71..78 left, bars 71 and 72
  });

  it("reads only the releases found up to each origin", () => {
    const a = expectedEventDays({ events: [10, 73, 140], n: 160, steps: 5 });
    const b = expectedEventDays({ events: [10, 73, 136], n: 160, steps: 5 });
    expect(Array.from(a.subarray(0, 136))).toEqual(Array.from(b.subarray(0, 136)));
    expect(Array.from(a.subarray(136))).not.toEqual(Array.from(b.subarray(136)));
  });
});

describe("withEventTerm", () => {
  it("adds (m - 1) x the expected release days of one day's variance to an h-day variance", () => {
    const sd = withEventTerm({ sd: [0.02, 0.03, 0.04], expected: [0, 0.5, 1], multiplier: 9, steps: 2 });
    expect(sd[0]).toBe(0.02);
    expect(sd[1]).toBeCloseTo(0.03 * Math.sqrt(1 + (0.5 * 8) / 2), 15);
    expect(sd[2]).toBeCloseTo(0.04 * Math.sqrt(5), 15);
    // A multiplier below 1 never narrows.
    expect(withEventTerm({ sd: [0.02], expected: [1], multiplier: 0.5, steps: 1 })[0]).toBe(0.02);
  });
});

describe("cleanedRangeVariance and eventDayZ2", () => {
  it("replaces each release day by the mean of the bars before it (cleaned values feed later ones)", () => {
    const rv = [1, 2, 3, 100, 5, 6, 200];
    const out = cleanedRangeVariance(rv, [3, 6], 3);
    expect(Array.from(out)).toEqual([1, 2, 3, 2, 5, 6, (2 + 5 + 6) / 3]);
    expect(rv[3]).toBe(100);
  });

  it("standardizes release-day returns by the forecast made the day before", () => {
    const close = [100, 101, 110, 99];
    const z = eventDayZ2({ close, events: [2, 3], sd1: [0.01, 0.02, 0.05, 0.01] });
    expect(z[0]).toBeCloseTo(Math.log(110 / 101) ** 2 / 0.02 ** 2, 12);
    expect(z[1]).toBeCloseTo(Math.log(99 / 110) ** 2 / 0.05 ** 2, 12);
    expect(eventDayZ2({ close, events: [2, 3], sd1: [0.01, 0.02, 0.05, 0.01], to: 2 })).toHaveLength(1);
  });

  it("on real bars (JPM), the term at origins before a changed future is unchanged", () => {
    const s = readSeriesCsv({ symbol: "JPM" });
    const cut = s.close.length - 200;
    const term = (x: typeof s) => {
      const events = inferEarningsDays(x);
      const rv = cleanedRangeVariance(rangeVariance(x), events);
      const p = expectedEventDays({ events, n: x.close.length, steps: 5 });
      return { rv, p };
    };
    const a = term(s);
    const b = term(alterFuture(s, cut));
    expect(Array.from(b.rv.subarray(0, cut))).toEqual(Array.from(a.rv.subarray(0, cut)));
    expect(Array.from(b.p.subarray(0, cut))).toEqual(Array.from(a.p.subarray(0, cut)));
    expect(Array.from(b.rv.subarray(cut))).not.toEqual(Array.from(a.rv.subarray(cut)));
    // JPM releases in mid January, April, July and October: 31 of the 53 inferred days fall in those months
    // (a third would by chance); the rest are market shocks and missed releases (the inference is noisy).
    const months = inferEarningsDays(s).map((i) => Number(s.dates[i].slice(5, 7)));
    expect([months.filter((m) => [1, 4, 7, 10].includes(m)).length, months.length]).toEqual([31, 53]);
  });
});

describe("eventFactorAtEnd (serving)", () => {
  it("is the factor the walk-forward gives the last bar, and widens the week before MSFT's October 2023 release", () => {
    const msft = readSeriesCsv({ symbol: "MSFT" });
    // Bars up to 2023-10-20: MSFT's release reaction came on 2023-10-25, three bars on.
    const s = sliceSeries(msft, msft.dates.indexOf("2023-10-20") + 1);
    const n = s.close.length;
    const events = inferEarningsDays(s);
    const m = EVENT_TERM.multiplier;
    for (const steps of [1, 2, 5]) {
      const walk = withEventTerm({ sd: new Float64Array(n).fill(1), expected: expectedEventDays({ events, n, steps }), multiplier: m, steps });
      expect(eventFactorAtEnd({ series: s, steps, multiplier: m })).toBe(walk[n - 1]);
    }
    // The next release is projected at 2023-10-24 +- 5 bars (it came on 10-25): after 10-20, 7 bars of that
    // window are left and a week ahead holds 5 of them.
    expect(eventFactorAtEnd({ series: s, steps: 5, multiplier: m })).toBeCloseTo(Math.sqrt(1 + ((5 / 7) * (m - 1)) / 5), 12);
    expect(eventFactorAtEnd({ series: s, steps: 5, multiplier: 1 })).toBe(1);
  });
});
