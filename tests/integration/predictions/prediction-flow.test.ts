import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForecastTable } from "@/components/forecast/forecast-table";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as getPredictionRoute, POST as askModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { storage } from "@/lib/storage";
import { parseArtifact } from "@/server/forecast/artifacts";
import { readSeriesCsv } from "@/server/forecast/data";
import { MODELS } from "@/server/forecast/model-list";
import { forecastFromArtifacts } from "@/server/forecast/serve";
import { HORIZON_KEYS, HORIZONS } from "@/server/forecast/types";
import { predictionCacheKey } from "@/server/predictions/cache";
import { call, FAST_MODELS, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
let user: { id: string; token: string };
beforeAll(async () => {
  env = await setUpPredictionsEnv();
  user = await signedInUser("forecast_reader");
});
afterAll(async () => env?.teardown());

const auth = () => ({ authorization: `Bearer ${user.token}` });
const predict = (symbol: string, headers: Record<string, string> = auth()) =>
  call(getPredictionRoute, { path: `/api/predictions/${symbol}`, params: { symbol }, headers });
const askModels = (symbol: string) => call(askModelsRoute, { method: "POST", path: `/api/predictions/${symbol}`, params: { symbol }, headers: auth() });
const job = (id: string) => call(getJob, { path: `/api/jobs/${id}`, params: { id }, headers: auth() });

const aapl = readSeriesCsv({ dir: "data", symbol: "AAPL" });
const lastDate = aapl.dates[aapl.dates.length - 1];
const lastClose = aapl.close[aapl.close.length - 1];

describe("GET /api/predictions/{symbol}", () => {
  it("answers 401 without credentials and 401 for a forged token", async () => {
    const anon = await predict("AAPL", {});
    expect(anon.status).toBe(401);
    expect(anon.json).toEqual({ error: { code: "unauthorized", message: "Authentication required" } });
    const forged = await predict("AAPL", { authorization: "Bearer not.a.jwt" });
    expect(forged.status).toBe(401);
  });

  it("answers 404 for a symbol with no data and 400 for a malformed one", async () => {
    expect((await predict("ZZZZ")).status).toBe(404);
    expect((await predict("A$B")).status).toBe(400);
  });

  let payload: any;
  it("with no trained model: GET gives the baseline (200, no job); POST queues the rest (202 + job id), the job trains with real progress, and GET gives every model afterwards", async () => {
    const db = await getDb();
    const baseline = await predict("AAPL");
    expect(baseline.status).toBe(200);
    expect(baseline.json).toMatchObject({ symbol: "AAPL", asOf: lastDate, stage: "baseline", training: null, baseline: "naive" });
    expect(baseline.json.models.map((m: { name: string }) => m.name)).toEqual(["naive", "drift"]);
    expect(await db.job.count()).toBe(0);

    const first = await askModels("AAPL");
    expect(first.status).toBe(202);
    const jobId = first.json.job_id as string;
    expect(first.json).toEqual({ job_id: jobId, status: "queued", poll: `/api/jobs/${jobId}` });
    // A second ask while the job runs gets the same job; a read names it.
    const again = await askModels("AAPL");
    expect(again.status).toBe(202);
    expect(again.json.job_id).toBe(jobId);
    expect((await predict("AAPL")).json.training).toMatchObject({ job_id: jobId, poll: `/api/jobs/${jobId}` });

    const messages = new Set<string>();
    let progress = 0;
    let j = await job(jobId);
    // Polls as the signed-in user, whose per-minute request limit (100) applies: under 90 polls a minute.
    for (let i = 0; i < 450 && !["done", "failed", "timeout"].includes(j.json.status); i++) {
      if (j.json.message) messages.add(j.json.message);
      expect(j.json.progress).toBeGreaterThanOrEqual(progress);
      progress = j.json.progress;
      await new Promise((r) => setTimeout(r, 700));
      j = await job(jobId);
    }
    expect(j.json).toMatchObject({ status: "done", progress: 1, message: "done", error: null, name: "predictions/forecast.requested" });
    // Progress went through training the one model the baseline left (the poll may miss some messages, never all).
    expect([...messages].some((m) => /^training model 1 of 1: ARIMA \(/.test(m) || m === "ARIMA ready (1 of 1)")).toBe(true);

    const second = await predict("AAPL");
    expect(second.status).toBe(200);
    expect(second.headers.get("x-cache")).toBe("HIT"); // the job cached what it computed
    expect(second.json).toEqual({ ...j.json.result, training: null });
    expect(second.json.stage).toBe("complete");
    // The baseline's models were not trained again: the same versions are served.
    for (const m of baseline.json.models) expect(second.json.models.find((x: { name: string }) => x.name === m.name).version).toBe(m.version);
    payload = second.json;
    expect(payload).toMatchObject({ symbol: "AAPL", asOf: lastDate, source: "shipped", historical: true, baseline: "naive" });
    expect(payload.lastClose).toBeCloseTo(lastClose, 4);
    expect(payload.models.map((m: { name: string }) => m.name)).toEqual([...FAST_MODELS]);
  });

  it("serves backtest figures equal to the stored walk-forward metrics and forecasts equal to the artifacts'", async () => {
    const db = await getDb();
    const versions = await db.modelVersion.findMany({ where: { symbol: "AAPL", status: "active" }, include: { metrics: true } });
    expect(versions).toHaveLength(3);
    for (const m of payload.models) {
      const v = versions.find((x) => x.model === m.name)!;
      expect(m.version).toBe(v.version);
      const artifact = parseArtifact(new TextDecoder().decode((await storage.get({ key: v.artifactKey }))!));
      const [fc] = await forecastFromArtifacts({ artifacts: [artifact], series: aapl, specs: MODELS });
      for (const h of HORIZON_KEYS) {
        const row = v.metrics.find((x) => x.horizon === HORIZONS[h])!;
        const got = m.horizons[h];
        const am = artifact.metrics[h]!;
        expect(got.backtest.mae).toBe(row.mae);
        expect(got.backtest.mae).toBe(am.mae);
        expect(got.backtest.maeRatio).toBe(am.maeRatio);
        expect(got.backtest.naiveMae).toBeCloseTo(am.naiveMae, 9);
        expect(got.backtest.coverage95).toBe(am.coverage["95"].coverage);
        expect(got.backtest.origins).toBe(am.n);
        expect(got.backtest.directionAccuracy).toBe(am.direction.accuracy);
        expect(got.price).toBeCloseTo(fc.horizons[h]!.price, 3);
        expect(got.intervals["95"][0]).toBeCloseTo(fc.horizons[h]!.intervals!["95"].lower, 3);
        expect(got.intervals["95"][1]).toBeCloseTo(fc.horizons[h]!.intervals!["95"].upper, 3);
        expect(got.change).toBeCloseTo(fc.horizons[h]!.price - lastClose, 3);
      }
    }
    // Naive is the baseline: its forecast is the last close and its ratio to itself is 1.
    const naive = payload.models[0];
    expect(naive.horizons["1d"].price).toBeCloseTo(lastClose, 4);
    expect(naive.horizons["1d"].backtest.maeRatio).toBe(1);
    expect(naive.horizons["1d"].backtest.directionAccuracy).toBeNull();
    expect(payload.models[0].horizons["1d"].targetDate).toBe("2024-03-11");
    expect(payload.models[0].horizons["1w"].targetDate).toBe("2024-03-15");
  });

  it("stores every served forecast once: one Prediction row per model x horizon, for the requesting user", async () => {
    const db = await getDb();
    const rows = await db.prediction.findMany({ where: { symbol: "AAPL" }, orderBy: [{ model: "asc" }, { horizon: "asc" }] });
    expect(rows).toHaveLength(FAST_MODELS.length * HORIZON_KEYS.length);
    for (const r of rows) {
      const m = payload.models.find((x: { name: string }) => x.name === r.model);
      const h = HORIZON_KEYS.find((k) => HORIZONS[k] === r.horizon)!;
      expect(r.userId).toBe(user.id);
      expect(r.originDate.toISOString().slice(0, 10)).toBe(lastDate);
      expect(r.predictedPrice).toBe(m.horizons[h].price);
      expect([r.lower95, r.upper95]).toEqual(m.horizons[h].intervals["95"]);
      expect(r.actualPrice).toBeNull();
    }

    // A cache miss with trained models computes inline from the artifacts: no job, no duplicate rows.
    await cache.del(predictionCacheKey({ symbol: "AAPL", asOf: lastDate, filed: undefined }));
    const jobsBefore = await db.job.count();
    const miss = await predict("AAPL");
    expect(miss.status).toBe(200);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    expect(miss.json.models).toEqual(payload.models);
    expect(await db.job.count()).toBe(jobsBefore);
    expect(await db.prediction.count({ where: { symbol: "AAPL" } })).toBe(rows.length);
    const hit = await predict("AAPL");
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.json).toEqual(miss.json);
  });

  it("renders the served figures in the forecast table, naive marked as the baseline", () => {
    const html = renderToStaticMarkup(createElement(ForecastTable, { result: payload, horizon: "1w" }));
    for (const m of payload.models) {
      const h = m.horizons["1w"];
      const row = html.slice(html.indexOf(`data-model="${m.name}"`), html.indexOf("</tr>", html.indexOf(`data-model="${m.name}"`)));
      expect(row).toContain(`(${h.backtest.maeRatio.toFixed(3)}×)`);
      expect(row).toContain(`${(h.backtest.coverage95 * 100).toFixed(1)}%`);
      expect(row).toContain(`>${h.backtest.origins}<`);
      if (m.name === "naive") expect(row).toContain("baseline");
      else expect(row).toContain(`${(h.backtest.directionAccuracy * 100).toFixed(1)}%`);
    }
  });
});
