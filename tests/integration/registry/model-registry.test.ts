import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getModels } from "@/app/api/models/[symbol]/route";
import { getDb } from "@/lib/db";
import { storage } from "@/lib/storage";
import { parseArtifact } from "@/server/forecast/artifacts";
import { HORIZON_KEYS, HORIZONS } from "@/server/forecast/types";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, FAST_MODELS, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
});
afterAll(async () => env?.teardown());

const artifactOf = async (key: string) => parseArtifact(new TextDecoder().decode((await storage.get({ key }))!));

describe("model registry", () => {
  let first: Awaited<ReturnType<typeof trainSymbol>>;
  it("trains a symbol: an artifact in storage, a ModelVersion and per-horizon ModelMetric rows per model, all active", async () => {
    const stages: string[] = [];
    first = await trainSymbol({ symbol: "msft", reason: "manual", onProgress: (p) => void stages.push(`${p.index}/${p.total} ${p.model} ${p.stage}`) });
    expect(first.symbol).toBe("MSFT");
    expect(first.version).toMatch(/^v1-\d{8}T\d{9}Z$/);
    expect(first.trainedTo).toBe("2024-03-08");
    expect(first.models.map((m) => [m.model, m.status])).toEqual(FAST_MODELS.map((m) => [m, "active"]));
    expect(stages).toEqual(FAST_MODELS.flatMap((m, i) => ["backtest", "fit", "done"].map((s) => `${i + 1}/3 ${m} ${s}`)));

    const db = await getDb();
    const rows = await db.modelVersion.findMany({ where: { symbol: "MSFT" }, include: { metrics: true } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.artifactKey).toBe(`models/${row.model}/${first.version}/MSFT.json`);
      expect((await storage.list({ prefix: `models/${row.model}/${first.version}/` }))).toEqual([row.artifactKey]);
      const a = await artifactOf(row.artifactKey);
      expect(a).toMatchObject({ model: row.model, version: first.version, symbol: "MSFT" });
      expect(row.trainingTo.toISOString().slice(0, 10)).toBe(a.trainingWindow.to);
      expect(row.metrics).toHaveLength(3);
      for (const h of HORIZON_KEYS) {
        const m = row.metrics.find((x) => x.horizon === HORIZONS[h])!;
        const am = a.metrics[h]!;
        expect(m.mae).toBe(am.mae);
        expect(m.rmse).toBe(am.rmse);
        expect(m.maeRatio).toBe(am.maeRatio);
        expect(m.coverage80).toBe(am.coverage["80"].coverage);
        expect(m.coverage99).toBe(am.coverage["99"].coverage);
        expect(m.winkler95).toBe(am.intervals.winkler["95"]);
        expect(m.crps).toBe(am.intervals.crps);
        expect([m.coverage95Low, m.coverage95Mid, m.coverage95High]).toEqual(am.intervals.coverage95ByVolTercile);
        expect([m.coverage80Low, m.coverage80Mid, m.coverage80High]).toEqual(am.intervals.coverage80ByVolTercile);
        expect(m.volModel).toBe(am.volModel);
        expect(m.baselZone).toBe(h === "1d" ? am.basel!.zone : null);
        expect(m.nOrigins).toBe(am.n);
        // A figure that does not exist is NULL, never NaN.
        if (row.model === "naive") expect(m.maeRatioNoise).toBeNull();
        else expect(m.maeRatioNoise).toBe(am.maeRatioNoise);
        expect(m.directionAccuracy).toBe(am.direction.accuracy);
        expect(m.directionBaseline).toBe(am.direction.baseline);
      }
    }
  });

  it("keeps a worse candidate as candidate and promotes one that is not worse, retiring the old version", async () => {
    const db = await getDb();
    // The incumbent ARIMA's intervals are made clearly better than anything a retrain on the same data can reach.
    const arima = await db.modelVersion.findFirstOrThrow({ where: { symbol: "MSFT", model: "arima", status: "active" }, include: { metrics: true } });
    for (const m of arima.metrics) await db.modelMetric.update({ where: { id: m.id }, data: { winkler95: m.winkler95! * 0.9 } });

    const second = await trainSymbol({ symbol: "MSFT", models: ["drift", "arima"], reason: "manual" });
    expect(second.version).not.toBe(first.version);
    const byModel = Object.fromEntries(second.models.map((m) => [m.model, m]));
    // naive is always trained beside the requested models
    expect(Object.keys(byModel)).toEqual(["naive", "drift", "arima"]);
    expect(byModel.arima.status).toBe("candidate");
    expect(byModel.arima.reason).toMatch(/^worse intervals at 1d: 95% Winkler score/);
    expect(byModel.drift.status).toBe("active");

    const status = async (model: string, version: string) =>
      (await db.modelVersion.findUniqueOrThrow({ where: { model_version_symbol: { model, version, symbol: "MSFT" } } })).status;
    expect(await status("arima", first.version)).toBe("active");
    expect(await status("arima", second.version)).toBe("candidate");
    expect(await status("drift", first.version)).toBe("retired");
    expect(await status("drift", second.version)).toBe("active");
    expect(await db.modelVersion.count({ where: { symbol: "MSFT", status: "active" } })).toBe(3);

    const res = await call(getModels, { path: "/api/models/MSFT", params: { symbol: "MSFT" } });
    expect(res.status).toBe(200);
    expect(res.json.active.map((v: { model: string; version: string }) => [v.model, v.version])).toEqual([
      ["naive", second.version],
      ["drift", second.version],
      ["arima", first.version],
    ]);
    expect(res.json.others.map((v: { model: string; status: string }) => `${v.model}:${v.status}`)).toEqual(["naive:retired", "drift:retired", "arima:candidate"]);
    const driftActive = res.json.active[1];
    const driftArtifact = await artifactOf(driftActive.artifactKey);
    expect(driftActive.backtest["1w"].maeRatio).toBe(driftArtifact.metrics["1w"]!.maeRatio);
    expect(driftActive.backtest["1w"].origins).toBe(driftArtifact.metrics["1w"]!.n);
  });

  it("GET /api/models/{symbol}: 404 for a symbol the market service does not know, empty lists for a known untrained one", async () => {
    const unknown = await call(getModels, { path: "/api/models/ZZZZ", params: { symbol: "ZZZZ" } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: { code: "not_found", message: "Unknown symbol ZZZZ" } });
    expect(await (await getDb()).modelVersion.count({ where: { symbol: "NFLX" } })).toBe(0);
    const untrained = await call(getModels, { path: "/api/models/nflx", params: { symbol: "nflx" } });
    expect(untrained.status).toBe(200);
    expect(untrained.json).toEqual({ symbol: "NFLX", asOf: "2024-03-08", trainingJobs: [], models: [], untrained: ["naive", "drift", "arima"], active: [], others: [] });
  });

  it("rejects an unknown model name before training", async () => {
    await expect(trainSymbol({ symbol: "MSFT", models: ["oracle"], reason: "manual" })).rejects.toThrow(/Unknown model "oracle"/);
  });
});
