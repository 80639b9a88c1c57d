import { describe, expect, it } from "vitest";
import { type PairedScore, percentile, ratioBand, tercileCoverageBands, type TercileMiss } from "@/server/forecast/coverage-bootstrap";

describe("block bootstrap of coverage by volatility tercile", () => {
  it("resamples whole dates: two dates, one all hits and one all misses, give the three possible coverages 1, 1/2, 0 in proportion 1:2:1", () => {
    // Every tercile has one origin on each date; day A is all hits, day B all misses (a market-wide break).
    const rows: TercileMiss[] = [0, 1, 2].flatMap((t) => [
      { date: "2024-01-02", tercile: t, miss: 0 },
      { date: "2024-01-03", tercile: t, miss: 1 },
    ]);
    const { bands, replicates } = tercileCoverageBands(rows, { block: 1, reps: 4000, seed: 7 });
    expect(bands.map((b) => b.coverage)).toEqual([0.5, 0.5, 0.5]);
    // A draw of whole dates moves all three terciles together.
    for (const r of replicates) expect(r[1]).toBe(r[0]), expect(r[2]).toBe(r[0]);
    const share = (v: number) => replicates.filter((r) => r[0] === v).length / replicates.length;
    expect(share(1)).toBeGreaterThan(0.22);
    expect(share(1)).toBeLessThan(0.28);
    expect(share(0.5)).toBeGreaterThan(0.47);
    expect(share(0.5)).toBeLessThan(0.53);
    expect(share(0) + share(0.5) + share(1)).toBeCloseTo(1, 12);
    // The 2.5% and 97.5% points of that distribution are 0 and 1; its sd is sqrt(1/8) = 0.354.
    expect(bands[0].lower).toBe(0);
    expect(bands[0].upper).toBe(1);
    expect(bands[0].se).toBeGreaterThan(0.34);
    expect(bands[0].se).toBeLessThan(0.37);
  });

  it("a block as long as the data can only redraw the data itself: the interval is the point", () => {
    const rows: TercileMiss[] = [
      { date: "2024-01-02", tercile: 0, miss: 0 },
      { date: "2024-01-03", tercile: 0, miss: 1 },
      { date: "2024-01-04", tercile: 0, miss: 0 },
      { date: "2024-01-02", tercile: 2, miss: 1 },
      { date: "2024-01-04", tercile: 2, miss: 0 },
    ];
    const { bands } = tercileCoverageBands(rows, { block: 10, reps: 50 });
    expect(bands[0]).toMatchObject({ coverage: 2 / 3, lower: 2 / 3, upper: 2 / 3 });
    expect(bands[0].se).toBeCloseTo(0, 12);
    expect(bands[1]).toEqual({ coverage: null, lower: null, upper: null, se: null });
    expect(bands[2].coverage).toBe(0.5);
    expect(bands[2].lower).toBe(0.5);
  });

  it("is reproducible with a fixed seed and changes with another seed", () => {
    const rows: TercileMiss[] = [];
    for (let d = 0; d < 200; d++) {
      const date = `2023-${String(1 + Math.floor(d / 28)).padStart(2, "0")}-${String(1 + (d % 28)).padStart(2, "0")}`;
      for (let t = 0; t < 3; t++) rows.push({ date, tercile: t, miss: (d * 7 + t * 3) % 13 === 0 ? 1 : 0 });
    }
    const a = tercileCoverageBands(rows, { seed: 11, reps: 300 });
    const b = tercileCoverageBands(rows, { seed: 11, reps: 300 });
    const c = tercileCoverageBands(rows, { seed: 12, reps: 300 });
    expect(a.replicates).toEqual(b.replicates);
    expect(a.bands).toEqual(b.bands);
    expect(c.replicates).not.toEqual(a.replicates);
    for (const band of a.bands) {
      expect(band.lower!).toBeLessThanOrEqual(band.coverage!);
      expect(band.upper!).toBeGreaterThanOrEqual(band.coverage!);
      expect(band.upper! - band.lower!).toBeGreaterThan(0);
    }
  });

  it("percentile interpolates linearly between order statistics (R type 7)", () => {
    expect(percentile([0, 10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile([0, 10, 20, 30, 40], 0.025)).toBeCloseTo(1, 12);
    expect(percentile([0, 10, 20, 30, 40], 0.975)).toBeCloseTo(39, 12);
  });
});

describe("block bootstrap of a ratio of pooled scores", () => {
  it("is the ratio of the sums; resampling two whole dates gives the three possible ratios", () => {
    // Date A: the model scores 1 and the benchmark 2 on each of two origins; date B: 3 against 2.
    const rows: PairedScore[] = [
      { date: "2024-01-02", a: 1, b: 2 },
      { date: "2024-01-02", a: 1, b: 2 },
      { date: "2024-01-03", a: 3, b: 2 },
      { date: "2024-01-03", a: 3, b: 2 },
    ];
    const band = ratioBand(rows, { block: 1, reps: 4000, seed: 3 });
    expect(band.ratio).toBe(1);
    // AA 0.5 (1/4), AB or BA 1 (1/2), BB 1.5 (1/4): the 95% interval reaches both ends, sd sqrt(1/8) x 1.
    expect(band.lower).toBe(0.5);
    expect(band.upper).toBe(1.5);
    expect(band.se!).toBeGreaterThan(0.34);
    expect(band.se!).toBeLessThan(0.37);
  });

  it("a model that is a fixed fraction of the benchmark on every origin has no spread; a noisy one straddles its ratio", () => {
    const fixed: PairedScore[] = [];
    const noisy: PairedScore[] = [];
    for (let d = 0; d < 300; d++) {
      const date = `2023-${String(1 + Math.floor(d / 28)).padStart(2, "0")}-${String(1 + (d % 28)).padStart(2, "0")}`;
      const b = 1 + ((d * 37) % 11) / 10;
      fixed.push({ date, a: 0.98 * b, b });
      noisy.push({ date, a: b * (0.98 + (((d * 53) % 17) - 8) / 100), b });
    }
    const f = ratioBand(fixed, { reps: 200 });
    expect(f.ratio).toBeCloseTo(0.98, 12);
    expect(f.lower).toBeCloseTo(0.98, 12);
    expect(f.upper).toBeCloseTo(0.98, 12);
    const n = ratioBand(noisy, { reps: 500 });
    expect(n.lower!).toBeLessThan(n.ratio!);
    expect(n.upper!).toBeGreaterThan(n.ratio!);
    expect(n.upper! - n.lower!).toBeLessThan(0.03);
    expect(ratioBand([])).toEqual({ ratio: null, lower: null, upper: null, se: null });
  });
});
