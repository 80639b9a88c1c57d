// A model trained with `npm run cli -- train` is the one the app serves: the CLI trains through the registry into
// the real database and the S3-compatible artifact store under the storage module's key, and
// GET /api/predictions/{symbol} forecasts from exactly that version. `train --out` writes plain files under the
// same key and leaves the registry alone.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { modelArtifactKey } from "@/lib/storage/keys";
import { createS3Storage } from "@/lib/storage/s3";
import { parseArtifact } from "@/server/forecast/artifacts";
import { readSeriesCsv } from "@/server/forecast/data";
import { MODELS } from "@/server/forecast/model-list";
import { forecastFromArtifacts } from "@/server/forecast/serve";
import { HORIZON_KEYS } from "@/server/forecast/types";
import { runCli } from "../../../scripts/cli/run";
import { startS3Server, type S3TestServer } from "../../support/s3-server";
import { call, FAST_MODELS, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

let s3: S3TestServer;
let env: PredictionsTestEnv;
let user: { id: string; token: string };

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

beforeAll(async () => {
  s3 = await startS3Server();
  env = await setUpPredictionsEnv({
    env: {
      MODELS_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      // The CLI refuses to open the embedded database while a server answers on PORT: nothing listens here.
      PORT: String(await closedPort()),
    },
  });
  user = await signedInUser("cli_reader");
});
afterAll(async () => {
  await env?.teardown();
  await s3?.stop();
});

async function cli(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runCli({ argv, out: (l) => lines.push(l), progress: () => undefined });
  return lines;
}

const msft = readSeriesCsv({ dir: "data", symbol: "MSFT" });
const bucket = () =>
  createS3Storage({
    bucket: s3.bucket,
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });

describe("npm run cli -- train, then GET /api/predictions/{symbol}", () => {
  let version = "";

  it("the CLI registers each model's artifact in the bucket under the storage module's key", async () => {
    const trained = JSON.parse((await cli("train", "msft", "--json")).join("\n"));
    version = trained.version;
    expect(version).toMatch(/^v1-\d{8}T\d{9}Z$/);
    expect(trained).toMatchObject({ symbol: "MSFT", reason: "cli" });
    expect(trained.models.map((m: { model: string; status: string }) => `${m.model}:${m.status}`)).toEqual(FAST_MODELS.map((m) => `${m}:active`));

    const rows = await (await getDb()).modelVersion.findMany({ where: { symbol: "MSFT" }, orderBy: { model: "asc" } });
    const keys = [...FAST_MODELS].sort().map((model) => modelArtifactKey({ model, version, symbol: "MSFT", ext: "json" }));
    expect(rows.map((r) => `${r.model}:${r.status}:${r.version}:${r.artifactKey}`)).toEqual(
      [...FAST_MODELS].sort().map((model, i) => `${model}:active:${version}:${keys[i]}`),
    );
    expect(keys[0]).toBe(`models/arima/${version}/MSFT.json`);
    // Read back through a client of its own: the objects are really in the S3 bucket.
    expect((await bucket().list({ prefix: "models/" })).sort()).toEqual(keys);
  });

  it("the app serves that version, forecasting from the stored artifact without training again", async () => {
    const db = await getDb();
    const res = await call(getPredictionRoute, { path: "/api/predictions/MSFT", params: { symbol: "MSFT" }, headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(res.json.models.map((m: { name: string; version: string }) => `${m.name}:${m.version}`)).toEqual(FAST_MODELS.map((m) => `${m}:${version}`));
    expect(await db.job.count()).toBe(0); // no job trained anything: the CLI's versions were served
    expect(await db.modelVersion.count()).toBe(FAST_MODELS.length);

    const arimaBody = await bucket().get({ key: modelArtifactKey({ model: "arima", version, symbol: "MSFT", ext: "json" }) });
    const [expected] = await forecastFromArtifacts({ artifacts: [parseArtifact(new TextDecoder().decode(arimaBody!))], series: msft, specs: MODELS });
    const served = res.json.models.find((m: { name: string }) => m.name === "arima");
    for (const h of HORIZON_KEYS) {
      expect(served.horizons[h].price).toBeCloseTo(expected.horizons[h]!.price, 3); // served prices are rounded to 4 places
      expect(served.horizons[h].intervals["95"][0]).toBeCloseTo(expected.horizons[h]!.intervals!["95"].lower, 3);
    }
  });

  it("train --out writes plain files under the same key layout, predict reads them, and the registry is untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stock-hub-cli-out-"));
    try {
      const lines = await cli("train", "MSFT", "--out", dir, "--models", "naive,drift", "--version", "v7");
      for (const model of ["naive", "drift"]) {
        const file = join(dir, modelArtifactKey({ model, version: "v7", symbol: "MSFT", ext: "json" }));
        expect(existsSync(file)).toBe(true);
        expect(lines.some((l) => l.startsWith(model) && l.endsWith(`-> ${file}`))).toBe(true);
      }
      expect(existsSync(join(dir, "models", "arima"))).toBe(false);
      expect(await (await getDb()).modelVersion.count()).toBe(FAST_MODELS.length);
      expect((await bucket().list({ prefix: "models/" })).filter((k) => k.includes("/v7/"))).toEqual([]);

      const predicted = await cli("predict", "MSFT", "--out", dir, "--version", "v7");
      const lastClose = msft.close[msft.close.length - 1];
      expect(predicted[0]).toBe(`MSFT from ${msft.dates[msft.dates.length - 1]} close ${lastClose.toFixed(2)}`);
      const naive1d = predicted.find((l) => /^naive\s+1d\s/.test(l));
      expect(Number(naive1d!.split(/\s+/)[2])).toBeCloseTo(lastClose, 2);
      expect(predicted.filter((l) => /^(naive|drift)\s+(1d|2d|1w)\s/.test(l))).toHaveLength(6);
      await expect(cli("predict", "MSFT", "--out", dir, "--version", "v8")).rejects.toThrow(/No artifact files for MSFT version v8/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
