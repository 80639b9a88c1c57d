import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { FORECAST_EVENT, WARM_EVENT } from "@/server/jobs/catalog";
import { WARM_PRIORITY } from "@/server/training/warm-models";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// A person's job queued behind a running warm-up (one runner slot, one training thread) starts at the
// warm-up's next model boundary; the warm-up waits, resumes from its recorded steps and trains only the rest.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { JOB_CONCURRENCY: "1", FORECAST_WORKERS: "1", FORECAST_MODELS: "naive,drift,arima", WARM_MODELS: "0" } });
});
afterAll(async () => env?.teardown());

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 15_000; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("background work yields to a person's job at a model boundary", () => {
  it("the person's job starts once the warm-up's current model is done; the warm-up resumes later and trains each model once", async () => {
    const db = await getDb();
    const warm = await queue.enqueue(WARM_EVENT, { symbol: "MSFT", then: [] }, { priority: WARM_PRIORITY });
    // The warm-up is past its first model (naive, with the volatility plan) when the person asks.
    await until("MSFT's first model", () => db.modelVersion.findFirst({ where: { symbol: "MSFT", model: "naive" } }));
    const person = await queue.enqueue(FORECAST_EVENT, { symbol: "JPM" }, { priority: 10 });

    // While the person's job runs, the warm-up is back in the queue, saying why.
    const paused = await until("the warm-up to give up its slot", async () => {
      const w = await db.job.findUniqueOrThrow({ where: { id: warm.jobId } });
      return w.status === "queued" ? w : null;
    });
    expect(paused.message).toBe("MSFT: paused: a person's training goes first; resumes after it");
    await queue.runner()!.idle();

    const [w, p] = await Promise.all([db.job.findUniqueOrThrow({ where: { id: warm.jobId } }), db.job.findUniqueOrThrow({ where: { id: person.jobId } })]);
    expect([w.status, p.status]).toEqual(["done", "done"]);
    const msft = await db.modelVersion.findMany({ where: { symbol: "MSFT" }, orderBy: { createdAt: "asc" } });
    // Each model once, all under the version the warm-up's first run planned (the resumed run replayed its plan).
    expect(msft.map((v) => v.model).sort()).toEqual(["arima", "drift", "naive"]);
    expect(new Set(msft.map((v) => v.version)).size).toBe(1);
    const before = msft.filter((v) => v.createdAt.getTime() <= p.startedAt!.getTime());
    const after = msft.filter((v) => v.createdAt.getTime() >= p.finishedAt!.getTime());
    // The person's job started at a boundary: after the models done so far, before the rest.
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(before.length + after.length).toBe(3);
    expect(w.finishedAt!.getTime()).toBeGreaterThan(p.finishedAt!.getTime());
    // The person's job trained its three models; the warm-up's result is MSFT's forecast of all three.
    expect(await db.modelVersion.count({ where: { symbol: "JPM", status: "active" } })).toBe(3);
    expect((w.result as { models: { name: string }[] }).models.map((m) => m.name)).toEqual(["naive", "drift", "arima"]);
  }, 600_000);
});
