import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { queue } from "@/server/jobs";
import { TRAINING_EVENT } from "@/server/jobs/catalog";
import { predictFromActive } from "@/server/predictions/compute";
import { primeForecasts } from "@/server/predictions/prime";
import type { PredictionResult } from "@/server/predictions/types";
import { predictionCacheKey } from "@/server/predictions/cache";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

// A training job (POST /api/train's, the weekly one) leaves the new models' forecast in the cache, so the
// first request after it is a hit; the server reads a copy of the shipped data whose MSFT file starts five
// bars short, so new bars can arrive.
let env: PredictionsTestEnv;
let user: { id: string; token: string };
let marketDir: string;
let fullCsv: string;
beforeAll(async () => {
  marketDir = mkdtempSync(join(tmpdir(), "stock-hub-market-"));
  cpSync("data", marketDir, { recursive: true });
  fullCsv = readFileSync(join(marketDir, "MSFT.csv"), "utf8");
  writeFileSync(join(marketDir, "MSFT.csv"), fullCsv.trimEnd().split(/\r?\n/).slice(0, -5).join("\n") + "\n");
  env = await setUpPredictionsEnv({ env: { FORECAST_MODELS: "naive,drift", MARKET_DATA_DIR: marketDir, JOB_CONCURRENCY: "1", WATCHLIST: "MSFT,JPM" } });
  user = await signedInUser("after_training");
});
afterAll(async () => {
  await env?.teardown();
  rmSync(marketDir, { recursive: true, force: true });
});

const predict = () => call(getPredictionRoute, { path: "/api/predictions/MSFT", params: { symbol: "MSFT" }, headers: { authorization: `Bearer ${user.token}` } });

async function trainAndWait(): Promise<void> {
  const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: ["MSFT"], reason: "manual" });
  await queue.runner()!.idle();
  expect((await queue.getJob(jobId))?.status).toBe("done");
}

const activeVersions = async () =>
  (await (await getDb()).modelVersion.findMany({ where: { symbol: "MSFT", status: "active" }, orderBy: { model: "asc" } })).map((v) => [v.model, v.version]);
const versionsOf = (p: PredictionResult) => p.models.map((m) => [m.name, m.version]).sort((a, b) => a[0].localeCompare(b[0]));
const withoutTime = (p: PredictionResult) => ({ ...p, generatedAt: "" });

describe("the forecast after a training", () => {
  let first: PredictionResult;
  it("is cached by the training job, served as a hit, and equal to a fresh computation from the same models", async () => {
    await trainAndWait();
    const asOf = "2024-03-01"; // five bars before the data set's last (2024-03-08)
    const cached = await cache.get<PredictionResult>(predictionCacheKey({ symbol: "MSFT", asOf, filed: undefined }));
    expect(cached).not.toBeNull();
    expect(cached).toMatchObject({ symbol: "MSFT", asOf, source: "shipped", historical: true, baseline: "naive" });
    expect(versionsOf(cached!)).toEqual(await activeVersions());

    const res = await predict();
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("HIT");
    expect(res.json).toEqual({ ...cached, training: null });

    // The same models and history computed again give the same body; only the time it was made differs.
    const fresh = await predictFromActive({ symbol: "MSFT" });
    expect(fresh!.generatedAt > cached!.generatedAt).toBe(true);
    expect(withoutTime(fresh!)).toEqual(withoutTime(cached!));
    first = cached!;
  });

  it("is replaced by a newer training's", async () => {
    await trainAndWait();
    const res = await predict();
    expect(res.headers.get("x-cache")).toBe("HIT");
    // Each training registers a new version; equal figures promote it, so the cached forecast names the new ones.
    expect(versionsOf(res.json)).toEqual(await activeVersions());
    expect(versionsOf(res.json)).not.toEqual(versionsOf(first));
    expect(res.json.generatedAt > first.generatedAt).toBe(true);
  });

  it("is not served once new bars arrive: the next request computes the forecast from the new last bar", async () => {
    writeFileSync(join(marketDir, "MSFT.csv"), fullCsv);
    // Forgets the parsed data set (the server re-reads a changed file within 2 s).
    await resetServicesForTests({ keep: "all" });
    const res = await predict();
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(res.json).toMatchObject({ symbol: "MSFT", asOf: "2024-03-08" });
    expect(res.json.lastClose).not.toBe(first.lastClose);
    expect(versionsOf(res.json)).toEqual(await activeVersions());
  });

  it("is put back into an empty cache at the server's start for the trained watchlist symbols, and nothing else is done", async () => {
    const key = predictionCacheKey({ symbol: "MSFT", asOf: "2024-03-08", filed: undefined });
    await cache.del(key);
    const jobs = await (await getDb()).job.count();
    expect(await primeForecasts()).toMatchObject({ computed: 1, cached: 0 });
    const primed = await cache.get<PredictionResult>(key);
    expect(versionsOf(primed!)).toEqual(await activeVersions());
    const res = await predict();
    expect(res.headers.get("x-cache")).toBe("HIT");
    expect(res.json).toEqual({ ...primed, training: null });
    // Already cached: left as it is. JPM (untrained) gets no job.
    expect(await primeForecasts()).toMatchObject({ computed: 0, cached: 1 });
    expect(await cache.get(key)).toEqual(primed);
    expect(await (await getDb()).job.count()).toBe(jobs);
  });
});
