import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { FORECAST_EVENT } from "@/server/jobs/catalog";
import { trainPool } from "@/server/training/train-pool";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// A person's forecast job on a pool of two threads: the models train side by side (two at once), the
// ensemble last, each model once; the job's progress only moves forward, the bar and the "model k of N" its
// text shows. (The bar's value was always kept from going back; the text's k was each model's place in the plan,
// and the models run longest first, so it counted back, "4 of 6" -> "3 of 6", with the bar still moving on.)
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "2", FORECAST_MODELS: "naive,drift,arima,gbt,prophet,ensemble", WARM_MODELS: "0" } });
});
afterAll(async () => env?.teardown());

describe("a person's models train side by side", () => {
  it("two model steps hold the two threads at once; the ensemble comes after every member; progress never goes back", async () => {
    const db = await getDb();
    const { jobId } = await queue.enqueue(FORECAST_EVENT, { symbol: "COST" }, { priority: 10 });
    let peak = 0;
    const progress: number[] = [];
    const messages: string[] = [];
    for (;;) {
      const pool = trainPool()!;
      peak = Math.max(peak, pool.runningTasks().filter((t) => t.lane === "person").length);
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      progress.push(job.progress);
      if (job.message && job.message !== messages.at(-1)) messages.push(job.message);
      if (!["queued", "running"].includes(job.status)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect({ status: job.status, error: job.error }).toEqual({ status: "done", error: null });
    expect(peak).toBe(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The k of "training model k of 6: …" and "… ready (k of 6)", in the order the page read them: never lower.
    const ks = messages.flatMap((m) => [...m.matchAll(/(?:model (\d+) of 6|ready \((\d+) of 6\))/g)].map((x) => Number(x[1] ?? x[2])));
    expect(new Set(ks).size, messages.join("\n")).toBeGreaterThan(2);
    expect(ks, messages.join("\n")).toEqual([...ks].sort((a, b) => a - b));
    // The last k is the ensemble's step: its members' refits are told as the ensemble's fit, not as the members.
    expect(new Set(messages.filter((m) => m.startsWith("training model 6 of 6")).map((m) => m.split(": ")[1].split(" (")[0])), messages.join("\n")).toEqual(new Set(["Ensemble"]));
    const rows = await db.modelVersion.findMany({ where: { symbol: "COST" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.model).sort()).toEqual(["arima", "drift", "ensemble", "gbt", "naive", "prophet"]);
    expect(rows.at(-1)!.model).toBe("ensemble");
    expect(new Set(rows.map((r) => r.version)).size).toBe(1);
    expect((job.result as { models: { name: string }[] }).models.map((m) => m.name).sort()).toEqual(["arima", "drift", "ensemble", "gbt", "naive", "prophet"]);
  }, 300_000);
});
