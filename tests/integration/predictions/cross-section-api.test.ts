// GET /api/predictions/cross-section on the shipped data: the 23 symbols' quintile probabilities from the last
// session, the variant chosen on the development weeks, its RPS on the later weeks against the uniform 0.16
// with a noise band, and a verdict that follows the band; the second read is the cached answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/predictions/cross-section/route";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
});
afterAll(async () => env?.teardown());

describe("GET /api/predictions/cross-section", () => {
  it("answers every shipped symbol's quintile chances and the measured score, with the verdict its band gives", async () => {
    const r = await call(GET, { path: "/api/predictions/cross-section" });
    expect(r.status).toBe(200);
    const v = r.json;
    expect(v).toMatchObject({ asOf: "2024-03-08", source: "shipped", horizonSessions: 5, benchmark: 0.16 });
    expect(v.symbols).toHaveLength(23);
    for (const s of v.symbols) {
      expect(s.probabilities).toHaveLength(5);
      expect(s.probabilities.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 3);
    }
    // TSLA swings most: less of it in the middle fifth and more at both ends than JNJ.
    const p = (sym: string) => v.symbols.find((s: { symbol: string }) => s.symbol === sym).probabilities;
    expect(p("JNJ")[2]).toBeGreaterThan(p("TSLA")[2]);
    expect(p("TSLA")[0] + p("TSLA")[4]).toBeGreaterThan(p("JNJ")[0] + p("JNJ")[4]);
    const dev = v.method.chosenOn;
    expect(dev.to <= "2022-03-04").toBe(true);
    expect(v.method.id).toBe(Object.entries(dev.rps as Record<string, number>).sort((a, b) => a[1] - b[1])[0][0]);
    const m = v.measured;
    expect(m.from >= "2022-03-04").toBe(true);
    expect(m.weeks).toBeGreaterThan(90);
    expect(m.uniform).toBeCloseTo(0.16, 12);
    expect(m.difference).toBeCloseTo(m.rps - m.uniform, 12);
    expect(m.band[0]).toBeLessThanOrEqual(m.difference);
    expect(m.band[1]).toBeGreaterThanOrEqual(m.difference);
    expect(v.verdict).toBe(m.band[1] < 0 ? "edge" : "no_edge");
    expect(v.variants[v.method.id]).toEqual(m);
    const t0 = performance.now();
    const again = await call(GET, { path: "/api/predictions/cross-section" });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(again.json).toEqual(v);
  });
});
