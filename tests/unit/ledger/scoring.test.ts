// Scoring a ledger entry against a real shipped close, with values worked out by hand (docs/forecasting.md,
// "Track record"): AAPL closed at 169.000000 on 2024-03-07 and at 170.729996 on 2024-03-08 (data/AAPL.csv).
import { describe, expect, it } from "vitest";
import { scoreEntry } from "@/server/ledger/scoring";

const entry = { originClose: 169, price: 169.5, lower80: 167, upper80: 170, lower95: 165, upper95: 170.5, quantiles: [162, 165, 167, 169.5, 170, 170.5, 172] };

describe("scoring one entry", () => {
  it("AAPL 2024-03-07 -> 2024-03-08: outside 80% and 95%, Winkler, CRPS and errors by hand", () => {
    const s = scoreEntry({ entry, ratio: 170.729996 / 169 });
    expect(s.actualClose).toBeCloseTo(170.729996, 9);
    expect(s.inside80).toBe(false);
    expect(s.inside95).toBe(false);
    // (170 - 167 + 10 x 0.729996) / 169 = 6.0946509 %
    expect(s.winkler80).toBeCloseTo(6.0946509, 6);
    // (170.5 - 165 + 40 x 0.229996) / 169 = 8.6981302 %
    expect(s.winkler95).toBeCloseTo(8.6981302, 6);
    // 2 x sum of weight x pinball over the 7 quantiles = 2 x 0.5088345 = 1.0176586 -> / 169 = 0.6021649 %
    expect(s.crps).toBeCloseTo(0.6021649, 6);
    expect(s.absError).toBeCloseTo(0.7278083, 6); // |170.729996 - 169.5| / 169
    expect(s.naiveAbsError).toBeCloseTo(1.0236663, 6); // |170.729996 - 169| / 169
  });

  it("without intervals or quantiles only the errors are scored", () => {
    const s = scoreEntry({ entry: { ...entry, lower80: null, upper80: null, lower95: null, upper95: null, quantiles: [] }, ratio: 1.01 });
    expect(s).toMatchObject({ inside80: null, inside95: null, winkler80: null, winkler95: null, crps: null });
    expect(s.naiveAbsError).toBeCloseTo(1, 9);
    expect(s.absError).toBeCloseTo((100 * Math.abs(169 * 1.01 - 169.5)) / 169, 9);
  });
});
