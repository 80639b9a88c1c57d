import { beforeAll, describe, expect, it } from "vitest";
import { loadArtifact, parseArtifact, serializeArtifact } from "@/server/forecast/artifacts";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { createEnsembleSpec } from "@/server/forecast/models/ensemble";
import { BASE_MODELS, MODELS } from "@/server/forecast/model-list";
import { forecastFromArtifacts, forecastWithLoaded } from "@/server/forecast/serve";
import { trainTicker, type TrainResult } from "@/server/forecast/train";
import type { ModelSpec } from "@/server/forecast/types";

// Last ~4 years of MSFT with short backtests: enough for every model, fast enough for a unit test.
const full = readSeriesCsv({ symbol: "MSFT" });
const series = windowSeries(full, full.dates.length - 1000);
const models = ["naive", "drift", "arima", "random_forest", "gbt", "ensemble"] as const;

/** Specs whose fit throws: loading an artifact must never refit. */
const noFit = (s: ModelSpec): ModelSpec => ({
  ...s,
  fit: () => {
    throw new Error(`${s.name} was refitted while loading`);
  },
});
const loadOnlyBase = BASE_MODELS.map(noFit);
const loadOnlySpecs = [...loadOnlyBase, createEnsembleSpec(loadOnlyBase)];

let trained: TrainResult;
beforeAll(async () => {
  trained = await trainTicker({
    specs: MODELS,
    series,
    models: [...models],
    ensembleMembers: ["drift", "arima", "random_forest", "gbt"],
    origins: 80,
    warmup: 60,
    refitEvery: 70,
    trainWindow: 700,
    version: "test-1",
  });
  // Six models' backtests with their volatility plan, on a machine shared with other test runs.
}, 180_000);

describe("model artifacts", () => {
  it("carry metadata, backtest metrics and calibration for every model and horizon", () => {
    expect(trained.models.map((m) => m.model.name)).toEqual([...models]);
    for (const m of trained.models) {
      const a = m.artifact;
      expect(a.symbol).toBe("MSFT");
      expect(a.version).toBe("test-1");
      expect(a.trainingWindow).toEqual({ from: series.dates[300], to: series.dates[999], n: 700 });
      expect(a.backtest.lastOrigin).toBe(series.dates[998]);
      expect(a.libraryVersions.node).toBe(process.versions.node);
      for (const h of ["1d", "2d", "1w"] as const) {
        expect(a.metrics[h]!.n).toBe(80);
        expect(a.calibration[h]!.quantiles["95"]).toBeGreaterThan(a.calibration[h]!.quantiles["80"]);
      }
    }
  });

  it("round-trip through JSON to identical forecasts without refitting", async () => {
    const later = series; // forecast from the last bar
    const earlier = windowSeries(series, 0, 950); // and from an earlier origin
    for (const m of trained.models) {
      const text = serializeArtifact(m.artifact);
      const loaded = await loadArtifact({ artifact: text, specs: loadOnlySpecs });
      expect(loaded.artifact).toEqual(JSON.parse(text));
      for (const s of [later, earlier]) expect(loaded.model.predict(s)).toEqual(m.model.predict(s));
      expect(JSON.stringify(loaded.model.toState())).toBe(JSON.stringify(m.model.toState()));
    }
  });

  it("forecast with calibrated intervals and the coverage measured in the backtest", async () => {
    const out = await forecastFromArtifacts({ artifacts: trained.models.map((m) => serializeArtifact(m.artifact)), series, specs: MODELS });
    expect(out.map((f) => f.model)).toEqual([...models]);
    for (const [i, f] of out.entries()) {
      const a = trained.models[i].artifact;
      expect(f.asOf).toBe(series.dates[series.dates.length - 1]);
      const direct = forecastWithLoaded({ loaded: { artifact: a, model: trained.models[i].model }, series });
      expect(f).toEqual(direct);
      const h = f.horizons["1d"]!;
      const iv = h.intervals!;
      expect(iv["80"].lower).toBeLessThan(h.price);
      expect(iv["99"].lower).toBeLessThan(iv["95"].lower);
      expect(iv["99"].upper).toBeGreaterThan(iv["95"].upper);
      expect(iv["95"].coverage).toBe(a.metrics["1d"]!.coverage["95"].coverage);
      // Served quantiles: ascending, the median is the point forecast, the ends are the interval bounds.
      expect(h.quantiles!.map((x) => x.level)).toEqual([0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995]);
      const q = h.quantiles!.map((x) => x.price);
      expect(q).toEqual([...q].sort((x, y) => x - y));
      expect(q[3]).toBeCloseTo(h.price, 10);
      expect(q[1]).toBeCloseTo(iv["95"].lower, 10);
      expect(q[6]).toBeCloseTo(iv["99"].upper, 10);
      expect(h.volModel).toBe(a.calibration["1d"]!.volModel);
    }
  });

  it("reject tampered or malformed artifacts with a reason", () => {
    const a = JSON.parse(serializeArtifact(trained.models[1].artifact));
    expect(() => parseArtifact({ ...a, model: "arima" })).toThrowError(/state\.name must equal model/);
    expect(() => parseArtifact({ ...a, version: "../../etc" })).toThrowError(/version/);
    expect(() => parseArtifact({ ...a, calibration: { "1d": { ...a.calibration["1d"], quantiles: { "80": -1 } } } })).toThrowError(/calibration/);
    expect(() => parseArtifact("{not json")).toThrowError(/not valid JSON/);
  });
});
