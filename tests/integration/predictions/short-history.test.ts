import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { GET as getPredictionRoute, POST as askModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { POST as train } from "@/app/api/train/route";
import { getDb } from "@/lib/db";
import { minForecastBars } from "@/server/forecast/backtest";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

// A market data folder holding symbols too short to backtest, and one exactly long enough.
const ADMIN_KEY = "admin-key-for-short-history-tests-0123456789";
const need = minForecastBars();
const [header, ...rows] = readFileSync("data/AAPL.csv", "utf8").trim().split(/\r?\n/);
const csv = (n: number) => [header, ...rows.slice(-n)].join("\n") + "\n";

let marketDir: string;
let env: PredictionsTestEnv;
let user: { id: string; token: string };
beforeAll(async () => {
  marketDir = mkdtempSync(join(tmpdir(), "stock-hub-short-history-"));
  writeFileSync(join(marketDir, "TINY.csv"), csv(1));
  writeFileSync(join(marketDir, "NADA.csv"), "");
  writeFileSync(join(marketDir, "SHORT.csv"), csv(need - 1));
  writeFileSync(join(marketDir, "EDGE.csv"), csv(need));
  env = await setUpPredictionsEnv({ env: { MARKET_DATA_DIR: marketDir, ADMIN_API_KEY: ADMIN_KEY } });
  user = await signedInUser("short_history_reader");
});
afterAll(async () => {
  await env?.teardown();
  rmSync(marketDir, { recursive: true, force: true });
});

const predict = (symbol: string) =>
  call(getPredictionRoute, { path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${user.token}` } });
const ask = (symbol: string) =>
  call(askModelsRoute, { method: "POST", path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${user.token}` } });
// Polls as the job's owner (the signed-in user, or the admin key for POST /api/train).
const waitForJob = async (id: string, headers: Record<string, string> = { authorization: `Bearer ${user.token}` }) => {
  let j = await call(getJob, { path: `/api/jobs/${id}`, params: { id }, headers });
  for (let i = 0; i < 200 && !["done", "failed", "timeout"].includes(j.json.status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    j = await call(getJob, { path: `/api/jobs/${id}`, params: { id }, headers });
  }
  return j.json;
};

describe("forecasts for a symbol whose history is too short to backtest", () => {
  it("answers 409 with the bar counts to a read and an ask, and queues no job, on every request", async () => {
    const db = await getDb();
    for (const [symbol, n] of [["TINY", 1], ["SHORT", need - 1]] as const) {
      for (const r of [await predict(symbol), await ask(symbol), await predict(symbol)]) {
        expect(r.status).toBe(409);
        expect(r.json).toEqual({ error: { code: "conflict", message: `${symbol} has ${n} daily bars; a forecast needs at least ${need}` } });
      }
    }
    // An empty file holds no valid bar: it is refused as corrupt data (503 with Retry-After), not a short history.
    const empty = await predict("NADA");
    expect(empty.status).toBe(503);
    expect(empty.json.error).toEqual({ code: "unavailable", message: "Market data for NADA is unavailable: the stored data failed validation" });
    expect(await db.job.count()).toBe(0);
  });

  it("gives the baseline and trains the models once the history reaches the minimum", async () => {
    const read = await predict("EDGE");
    expect(read.status).toBe(200);
    expect(read.json.stage).toBe("baseline");
    const r = await ask("EDGE");
    expect(r.status).toBe(202);
    const job = await waitForJob(r.json.job_id);
    expect(job).toMatchObject({ status: "done", progress: 1, message: "done", error: null });
    const after = await predict("EDGE");
    expect(after.status).toBe(200);
    expect(after.json.stage).toBe("complete");
  });

  it("POST /api/train records the short symbol's 409 reason per symbol instead of failing the job", async () => {
    const r = await call(train, { method: "POST", path: "/api/train", body: { symbols: ["TINY"], models: ["naive"] }, headers: { "x-api-key": ADMIN_KEY } });
    expect(r.status).toBe(202);
    const job = await waitForJob(r.json.job_id, { "x-api-key": ADMIN_KEY });
    expect(job).toMatchObject({ status: "done", message: "trained 0 of 1 symbol(s)" });
    expect(job.result.symbols).toEqual([{ symbol: "TINY", error: `TINY has 1 daily bars; a forecast needs at least ${need}` }]);
  });
});
