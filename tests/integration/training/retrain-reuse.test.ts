import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { MODEL_NAMES } from "@/server/forecast/vocabulary";
import { queue } from "@/server/jobs";
import { TRAINING_EVENT } from "@/server/jobs/catalog";
import { trainPool } from "@/server/training/train-pool";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The admin's retrain (POST /api/train: the train-models job) of a symbol with no new bars, on the embedded
// server's pool of two threads with every model configured: nothing the first training stored is computed
// again (walk-forward origins and fits, final fits, volatility fits), the scores are the first training's, and
// no task keeps its thread past its end (the pool waited 1 s after each training task, issue 17's 8 s retrain).
// ORCL's last 1,100 bars only (the shipped set otherwise): the same 630 origins, far cheaper fits.
let env: PredictionsTestEnv;
const market = mkdtempSync(join(tmpdir(), "retrain-reuse-"));
beforeAll(async () => {
  cpSync("data", market, { recursive: true });
  const [head, ...bars] = readFileSync("data/ORCL.csv", "utf8").trim().split("\n");
  writeFileSync(join(market, "ORCL.csv"), [head, ...bars.slice(-1100)].join("\n") + "\n");
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "2", FORECAST_MODELS: MODEL_NAMES.join(","), WARM_MODELS: "0", MARKET_DATA_DIR: market } });
});
afterAll(async () => {
  await env?.teardown();
  rmSync(market, { recursive: true, force: true });
});

interface Summary {
  symbol: string;
  version: string;
  backtests: { model: string; computed: number; reused: number; fits: number; finalReused: boolean }[];
  volatility: { computed: number; reused: number; finalsComputed: number };
}

async function retrain(): Promise<Summary> {
  const db = await getDb();
  const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: ["ORCL"], reason: "manual" }, { priority: 10 });
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (!["queued", "running"].includes(job.status)) {
      expect({ status: job.status, error: job.error }).toEqual({ status: "done", error: null });
      return (job.result as unknown as { symbols: Summary[] }).symbols[0];
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scores(version: string) {
  const rows = await (await getDb()).modelVersion.findMany({ where: { symbol: "ORCL", version }, include: { metrics: { orderBy: { horizon: "asc" } } }, orderBy: { model: "asc" } });
  return rows.map((v) => ({ model: v.model, metrics: v.metrics.map(({ id: _i, modelVersionId: _m, createdAt: _c, ...m }) => m) }));
}

describe("a retrain with no new bars", () => {
  it("reuses every stored origin, walk-forward fit, final fit and volatility fit, and gives the same scores", async () => {
    const first = await retrain();
    const backtested = MODEL_NAMES.filter((m) => m !== "ensemble");
    expect(first.backtests.map((b) => b.model).sort()).toEqual([...backtested].sort());
    const origins = first.backtests[0].computed;
    expect(origins).toBe(630);
    for (const b of first.backtests) expect(b).toMatchObject({ computed: origins, reused: 0, finalReused: false });
    expect(first.volatility.computed).toBeGreaterThan(200);
    expect(first.volatility.finalsComputed).toBe(3);

    const again = await retrain();
    expect(again.version).not.toBe(first.version);
    expect(again.backtests.map((b) => [b.model, b.computed, b.reused, b.fits, b.finalReused]).sort()).toEqual(
      backtested.map((m) => [m, 0, origins, 0, true]).sort(),
    );
    expect(again.volatility).toEqual({ computed: 0, reused: first.volatility.computed, finalsComputed: 0 });
    expect(await scores(again.version)).toEqual(await scores(first.version));
    // Every training task handed its thread back as it ended (TASK_END), none after the pool's end wait.
    expect(trainPool()!.stats().endWaits).toBe(0);
  }, 600_000);
});
