// The predictions product API: served forecasts for many symbols, batch, CSV export, model readiness,
// retrain/rollback and honest recommendations, on the shipped data with the three fast models.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as getModels } from "@/app/api/models/[symbol]/route";
import { POST as retrain } from "@/app/api/models/[symbol]/retrain/route";
import { POST as rollback } from "@/app/api/models/[symbol]/rollback/route";
import { POST as precompute } from "@/app/api/precompute/route";
import { POST as batch } from "@/app/api/predictions/batch/route";
import { GET as listPredictions } from "@/app/api/predictions/route";
import { GET as getRecommendation } from "@/app/api/recommendations/[symbol]/route";
import { GET as listRecommendations } from "@/app/api/recommendations/route";
import { getDb } from "@/lib/db";
import { HORIZON_KEYS } from "@/server/forecast/types";
import { benjaminiHochberg } from "@/server/recommendations/multiple-testing";
import { trainSymbol } from "@/server/training/train-symbol";
import { call, FAST_MODELS, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

const ADMIN_KEY = "admin-key-for-product-tests-0123456789";
const admin = { "x-api-key": ADMIN_KEY };
let env: PredictionsTestEnv;
let user: { id: string; token: string };
const auth = () => ({ authorization: `Bearer ${user.token}` });

beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { ADMIN_API_KEY: ADMIN_KEY } });
  user = await signedInUser("product_reader");
  await trainSymbol({ symbol: "AAPL", reason: "manual" });
  await trainSymbol({ symbol: "MSFT", reason: "manual" });
  // Two trainings with their walk-forward backtests and volatility plans, on a machine shared by many runs.
}, 600_000);
afterAll(async () => env?.teardown());

async function waitJob(id: string) {
  let j = await call(getJob, { path: `/api/jobs/${id}`, params: { id }, headers: admin });
  // A deadline rather than a count of polls: the machine is shared and training can be slow under load.
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline && !["done", "failed", "timeout"].includes(j.json.status)) {
    await new Promise((r) => setTimeout(r, 25));
    j = await call(getJob, { path: `/api/jobs/${id}`, params: { id }, headers: admin });
  }
  return j.json;
}

describe("GET /api/predictions?symbols=", () => {
  it("needs a signed-in user and validates the list", async () => {
    expect((await call(listPredictions, { path: "/api/predictions?symbols=AAPL" })).status).toBe(401);
    const bad = await call(listPredictions, { path: "/api/predictions?symbols=AAPL,A$B", headers: auth() });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
  });

  it("serves trained symbols, says untrained for the others without queueing, and an error entry for unknown ones", async () => {
    const r = await call(listPredictions, { path: "/api/predictions?symbols=aapl,JPM,ZZZZ", headers: auth() });
    expect(r.status).toBe(200);
    const [aapl, jpm, zzzz] = r.json.predictions;
    expect(aapl).toMatchObject({ symbol: "AAPL", status: "ready", source: "shipped", historical: true });
    expect(aapl.models.map((m: { name: string }) => m.name)).toEqual([...FAST_MODELS]);
    expect(jpm).toEqual({ symbol: "JPM", status: "untrained" });
    expect(zzzz).toMatchObject({ symbol: "ZZZZ", status: "error", error: { code: "not_found" } });
    expect(await (await getDb()).job.count()).toBe(0);
  });

  it("CSV (?format=csv and Accept: text/csv) has one row per model and horizon, and parses back to the JSON figures", async () => {
    const json = (await call(listPredictions, { path: "/api/predictions?symbols=AAPL,MSFT", headers: auth() })).json.predictions;
    const req = async (path: string, headers: Record<string, string>) => {
      const { NextRequest } = await import("next/server");
      const res = await listPredictions(new NextRequest(`http://localhost:3000${path}`, { headers: { ...auth(), ...headers } }), { params: Promise.resolve({}) });
      return { res, text: await res.text() };
    };
    const a = await req("/api/predictions?symbols=AAPL,MSFT&format=csv", {});
    const b = await req("/api/predictions?symbols=AAPL,MSFT", { accept: "text/csv" });
    expect(a.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(b.text).toBe(a.text);
    const rows = parse(a.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]).slice(0, 6)).toEqual(["symbol", "model", "version", "horizon", "steps", "as_of"]);
    expect(rows).toHaveLength(2 * FAST_MODELS.length * HORIZON_KEYS.length);
    const expected = json.flatMap((e: any) =>
      e.models.flatMap((m: any) =>
        HORIZON_KEYS.map((h) => ({ symbol: e.symbol, model: m.name, horizon: h, target_date: m.horizons[h].targetDate, price: m.horizons[h].price, lower_95: m.horizons[h].intervals["95"][0], as_of: e.asOf })),
      ),
    );
    expect(
      rows.map((r) => ({ symbol: r.symbol, model: r.model, horizon: r.horizon, target_date: r.target_date, price: Number(r.price), lower_95: Number(r.lower_95), as_of: r.as_of })),
    ).toEqual(expected);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.target_date))).toBe(true);
  });
});

describe("POST /api/predictions/batch", () => {
  it("answers 400 above 25 symbols and for unknown fields", async () => {
    const symbols = Array.from({ length: 26 }, (_, i) => `S${i}`);
    const r = await call(batch, { method: "POST", path: "/api/predictions/batch", body: { symbols }, headers: auth() });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/At most 25 symbols/);
    expect((await call(batch, { method: "POST", path: "/api/predictions/batch", body: { symbols: ["AAPL"], extra: 1 }, headers: auth() })).status).toBe(400);
  });

  it("mixes ready, queued (an untrained symbol gets a job) and error entries, and keeps only the asked horizons", async () => {
    const r = await call(batch, { method: "POST", path: "/api/predictions/batch", body: { symbols: ["AAPL", "JPM", "ZZZZ"], horizons: ["1w"] }, headers: auth() });
    expect(r.status).toBe(200);
    const [aapl, jpm, zzzz] = r.json.predictions;
    expect(aapl.status).toBe("ready");
    expect(aapl.models.every((m: any) => Object.keys(m.horizons).join() === "1w")).toBe(true);
    expect(jpm).toEqual({ symbol: "JPM", status: "queued", job_id: expect.any(String), poll: `/api/jobs/${jpm.job_id}` });
    expect(zzzz).toEqual({ symbol: "ZZZZ", status: "error", error: { code: "not_found", message: expect.stringMatching(/ZZZZ/) } });
    const job = await waitJob(jpm.job_id);
    expect(job.status).toBe("done");
    const again = await call(batch, { method: "POST", path: "/api/predictions/batch", body: { symbols: ["JPM"] }, headers: auth() });
    expect(again.json.predictions[0].status).toBe("ready");
  });
});

describe("GET /api/models/{symbol}, retrain and rollback", () => {
  it("gives each active model's readiness, trainedTo and age", async () => {
    const r = await call(getModels, { path: "/api/models/AAPL", params: { symbol: "AAPL" } });
    expect(r.status).toBe(200);
    expect(r.json.models.map((m: any) => m.model)).toEqual([...FAST_MODELS]);
    for (const m of r.json.models) {
      expect(m.readiness).toBe("ready");
      expect(m.trainedTo).toBe(r.json.asOf);
      expect(m.barsBehind).toBe(0);
      expect(m.ageDays).toBeGreaterThanOrEqual(0);
      expect(m.ageDays).toBeLessThan(1);
    }
    expect(r.json.untrained).toEqual([]);
    expect((await call(getModels, { path: "/api/models/ZZZZ", params: { symbol: "ZZZZ" } })).status).toBe(404);
  });

  it("reports training while a job that names the symbol is queued or running, and stale after a week of unseen bars", async () => {
    const db = await getDb();
    const job = await db.job.create({ data: { name: "models/training.requested", status: "running", input: { symbols: ["MSFT", "V"] } } });
    const r = await call(getModels, { path: "/api/models/MSFT", params: { symbol: "MSFT" } });
    expect(r.json.trainingJobs).toEqual([job.id]);
    expect(r.json.models.map((m: any) => m.readiness)).toEqual(["training", "training", "training"]);
    await db.job.update({ where: { id: job.id }, data: { status: "done" } });
    // Move MSFT's arima window back six bars: it has now missed more than a week of data.
    const { readSeriesCsv } = await import("@/server/forecast/data");
    const dates = readSeriesCsv({ dir: "data", symbol: "MSFT" }).dates;
    const v = await db.modelVersion.findFirstOrThrow({ where: { symbol: "MSFT", model: "arima", status: "active" } });
    await db.modelVersion.update({ where: { id: v.id }, data: { trainingTo: new Date(`${dates[dates.length - 7]}T00:00:00Z`) } });
    const after = await call(getModels, { path: "/api/models/MSFT", params: { symbol: "MSFT" } });
    expect(after.json.models.map((m: any) => `${m.model}:${m.readiness}:${m.barsBehind}`)).toEqual(["naive:ready:0", "drift:ready:0", "arima:stale:6"]);
    await db.modelVersion.update({ where: { id: v.id }, data: { trainingTo: v.trainingTo } });
  });

  it("retrain is admin only and queues a job that trains a new version", async () => {
    expect((await call(retrain, { method: "POST", path: "/api/models/AAPL/retrain", params: { symbol: "AAPL" }, body: {}, headers: auth() })).status).toBe(403);
    const r = await call(retrain, { method: "POST", path: "/api/models/AAPL/retrain", params: { symbol: "AAPL" }, body: { models: ["drift"] }, headers: admin });
    expect(r.status).toBe(202);
    expect(r.json.symbols).toEqual(["AAPL"]);
    const job = await waitJob(r.json.job_id);
    expect(job.status).toBe("done");
    const versions = await (await getDb()).modelVersion.findMany({ where: { symbol: "AAPL", model: "drift" }, orderBy: { trainedAt: "asc" } });
    expect(versions.map((v) => v.status)).toEqual(["retired", "active"]);
  });

  it("rollback puts the previous active version back, records it, and refuses when there is none", async () => {
    const db = await getDb();
    const before = await db.modelVersion.findMany({ where: { symbol: "AAPL", model: "drift" }, orderBy: { trainedAt: "asc" } });
    expect((await call(rollback, { method: "POST", path: "/api/models/AAPL/rollback", params: { symbol: "AAPL" }, body: { model: "oracle" }, headers: admin })).status).toBe(400);
    const r = await call(rollback, { method: "POST", path: "/api/models/AAPL/rollback", params: { symbol: "AAPL" }, body: { model: "drift", reason: "test" }, headers: admin });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ symbol: "AAPL", model: "drift", from: { id: before[1].id }, to: { id: before[0].id } });
    const after = await db.modelVersion.findMany({ where: { symbol: "AAPL", model: "drift" }, orderBy: { trainedAt: "asc" } });
    expect(after.map((v) => v.status)).toEqual(["active", "rolled_back"]);
    const log = await db.modelRollback.findMany({ where: { symbol: "AAPL" } });
    expect(log).toEqual([expect.objectContaining({ model: "drift", fromVersionId: before[1].id, toVersionId: before[0].id, reason: "test" })]);
    // The served drift forecast now comes from the restored version.
    const served = (await call(listPredictions, { path: "/api/predictions?symbols=AAPL", headers: auth() })).json.predictions[0];
    expect(served.models.find((m: any) => m.name === "drift").version).toBe(before[0].version);
    const again = await call(rollback, { method: "POST", path: "/api/models/AAPL/rollback", params: { symbol: "AAPL" }, body: { model: "drift" }, headers: admin });
    expect(again.status).toBe(409);
  });

  it("precompute is admin only and returns one job per symbol", async () => {
    expect((await call(precompute, { method: "POST", path: "/api/precompute?symbols=AAPL", headers: auth() })).status).toBe(403);
    const r = await call(precompute, { method: "POST", path: "/api/precompute?symbols=AAPL,ZZZZ", headers: admin });
    expect(r.status).toBe(202);
    expect(r.json.jobs[0]).toEqual({ symbol: "AAPL", action: "cache", job_id: expect.any(String), poll: expect.any(String) });
    expect(r.json.jobs[1]).toMatchObject({ symbol: "ZZZZ", action: "error", error: { code: "not_found" } });
    expect((await waitJob(r.json.jobs[0].job_id)).status).toBe("done");
  });
});

describe("GET /api/recommendations", () => {
  it("is no_edge on the shipped data unless the corrected skill is significant, with calibrated confidence beside it", async () => {
    const r = await call(listRecommendations, { path: "/api/recommendations?symbols=AAPL,MSFT,JPM", headers: auth() });
    expect(r.status).toBe(200);
    expect(r.json.disclaimer).toMatch(/Not investment advice/);
    const ready = r.json.recommendations.filter((x: any) => x.status === "ready");
    expect(ready.map((x: any) => x.symbol)).toEqual(["AAPL", "MSFT", "JPM"]);
    const all = ready.flatMap((x: any) => x.horizons.map((h: any) => ({ ...h, symbol: x.symbol, model: x.model })));
    expect(all).toHaveLength(9);
    expect(r.json.correction).toEqual({ method: "benjamini-hochberg", tests: 9, alpha: 0.05 });
    // The adjustment is recomputed here from the raw p-values; the signal follows it and nothing else.
    const adjusted = benjaminiHochberg(all.map((h: any) => h.skill.pValue));
    all.forEach((h: any, i: number) => {
      expect(h.model).toBe("arima");
      expect(h.skill.adjustedPValue).toBeCloseTo(adjusted[i]!, 3);
      expect(h.signal).toBe(adjusted[i]! < 0.05 ? (h.probabilityUp >= 0.5 ? "up" : "down") : "no_edge");
      expect(h.probabilityUp).toBeGreaterThan(0);
      expect(h.probabilityUp).toBeLessThan(1);
      expect(h.confidence.n).toBeGreaterThan(300);
      expect(h.confidence.brier).toBeGreaterThan(0.2);
      expect(h.confidence.brier).toBeLessThan(0.3);
      expect(h.confidence.reliability.reduce((s: number, b: any) => s + b.n, 0)).toBe(h.confidence.n);
      expect(h.factors.find((f: any) => f.name === "probability_up").value).toBe(h.probabilityUp);
      if (h.signal === "no_edge") expect(h.levels).toBeNull();
    });
    // What the shipped data measures: no horizon of these symbols beats always-up after correction.
    expect(all.map((h: any) => h.signal)).toEqual(Array(9).fill("no_edge"));
  });

  it("per symbol: 404 for an unknown one, and CSV rows for the list", async () => {
    expect((await call(getRecommendation, { path: "/api/recommendations/ZZZZ", params: { symbol: "ZZZZ" }, headers: auth() })).status).toBe(404);
    const one = await call(getRecommendation, { path: "/api/recommendations/aapl", params: { symbol: "aapl" }, headers: auth() });
    expect(one.json.recommendation).toMatchObject({ symbol: "AAPL", status: "ready", model: "arima" });
    expect(one.json.correction.tests).toBe(3);
  });
});
