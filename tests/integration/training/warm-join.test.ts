import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as cancelJobRoute, GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { POST as leaveJobRoute } from "@/app/api/jobs/[id]/leave/route";
import { GET as getPredictionRoute, POST as askModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { predictFromActive } from "@/server/predictions/compute";
import { FORECAST_EVENT, TRAINING_EVENT, WARM_EVENT } from "@/server/jobs/catalog";
import { startWarmModels, WARM_PRIORITY, warmCheck } from "@/server/training/warm-models";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

// A person asking for a symbol whose background warm-up is queued or running joins that warm-up instead of
// training the symbol a second time; its result is the forecast the stock page shows. One job at a time,
// so jobs start in the queue's order.
let env: PredictionsTestEnv;
let ada: { id: string; token: string };
let bob: { id: string; token: string };
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { WATCHLIST: "MSFT,JPM", WARM_MODELS: "1", JOB_CONCURRENCY: "1", FORECAST_MODELS: "naive,drift" } });
  ada = await signedInUser("warm_ada");
  bob = await signedInUser("warm_bob");
});
afterAll(async () => env?.teardown());

const auth = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });
const read = (symbol: string, u = ada) => call(getPredictionRoute, { path: `/api/predictions/${symbol}`, params: { symbol }, headers: auth(u) });
// A person asking for the models (the stock page's button).
const predict = (symbol: string, u = ada) => call(askModelsRoute, { method: "POST", path: `/api/predictions/${symbol}`, params: { symbol }, headers: auth(u) });
const job = (id: string, u = ada) => call(getJobRoute, { path: `/api/jobs/${id}`, params: { id }, headers: auth(u) });
const cancel = (id: string, u = ada) => call(cancelJobRoute, { method: "DELETE", path: `/api/jobs/${id}`, params: { id }, headers: auth(u) });
const leave = (id: string, u = ada) => call(leaveJobRoute, { method: "POST", path: `/api/jobs/${id}/leave`, params: { id }, headers: auth(u) });

async function statusOf(id: string, wanted: string) {
  for (let i = 0; i < 600; i++) {
    const j = await (await getDb()).job.findUniqueOrThrow({ where: { id } });
    if (j.status === wanted) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} never became ${wanted}`);
}
const versionsOf = async (symbol: string) => (await getDb()).modelVersion.findMany({ where: { symbol }, orderBy: { model: "asc" } });

// Training jobs on the shared 2-core machine: minutes when other work runs beside them.
describe("a request for a symbol that is warming up", { timeout: 600_000 }, () => {
  it("joins the running warm-up: the symbol is trained once and the warm-up's result is its forecast", async () => {
    const warmId = (await startWarmModels({ after: [] }))!;
    await statusOf(warmId, "running");
    const a = await predict("MSFT");
    expect(a.status).toBe(202);
    expect(a.json).toEqual({ job_id: warmId, status: "running", poll: `/api/jobs/${warmId}` });
    // A second person joins the same job, and each may follow it.
    const b = await predict("MSFT", bob);
    expect(b.json.job_id).toBe(warmId);

    await queue.runner()!.idle();
    const db = await getDb();
    expect(await db.job.count({ where: { name: FORECAST_EVENT } })).toBe(0);
    expect((await versionsOf("MSFT")).map((v) => [v.model, v.status])).toEqual([["drift", "active"], ["naive", "active"]]);

    const polled = await job(warmId, bob);
    expect(polled.status).toBe(200);
    expect(polled.json).toMatchObject({ status: "done", progress: 1, name: WARM_EVENT });
    const { warm, ...forecast } = polled.json.result;
    expect(forecast).toMatchObject({ symbol: "MSFT", asOf: "2024-03-08", source: "shipped", historical: true, baseline: "naive" });
    expect(forecast.models.map((m: { name: string }) => m.name)).toEqual(["naive", "drift"]);
    expect(warm).toMatchObject({ symbol: "MSFT", next: expect.any(String) });
    // What the page then asks for is that forecast, from the cache, and what the models give when asked again.
    const after = await read("MSFT");
    expect(after.headers.get("x-cache")).toBe("HIT");
    expect(after.json).toEqual({ ...forecast, training: null });
    expect({ ...(await predictFromActive({ symbol: "MSFT" })), generatedAt: "" }).toEqual({ ...forecast, generatedAt: "" });
    // The warm-up of the rest of the watchlist went on.
    expect((await db.job.findUniqueOrThrow({ where: { id: warm.next } })).status).toBe("done");
  });

  it("raises a queued warm-up to the person's priority: it runs before a job queued ahead of it", async () => {
    const busy = await queue.enqueue(FORECAST_EVENT, { symbol: "NVDA" }, { priority: 10 });
    await statusOf(busy.jobId, "running");
    const retrain = await queue.enqueue(TRAINING_EVENT, { symbols: ["IBM"], reason: "manual" });
    const warm = await queue.enqueue(WARM_EVENT, { symbol: "AMZN", then: [] }, { priority: WARM_PRIORITY });
    expect(queue.runner()!.stats.waiting).toBe(2);

    const asked = await predict("AMZN");
    expect(asked.json).toEqual({ job_id: warm.jobId, status: "queued", poll: `/api/jobs/${warm.jobId}` });
    await queue.runner()!.idle();
    const db = await getDb();
    const [w, r] = await Promise.all([db.job.findUniqueOrThrow({ where: { id: warm.jobId } }), db.job.findUniqueOrThrow({ where: { id: retrain.jobId } })]);
    expect([w.status, r.status]).toEqual(["done", "done"]);
    expect(w.finishedAt!.getTime()).toBeLessThanOrEqual(r.startedAt!.getTime());
    expect((await job(warm.jobId)).json.result).toMatchObject({ symbol: "AMZN", models: [{ name: "naive" }, { name: "drift" }] });
    expect(await db.job.count({ where: { name: FORECAST_EVENT, subject: "AMZN" } })).toBe(0);
    expect(await db.modelVersion.count({ where: { symbol: "AMZN" } })).toBe(2);
  });

  it("a warm-up skips a symbol a person's forecast job is queued or running for", async () => {
    const busy = await queue.enqueue(FORECAST_EVENT, { symbol: "TSLA" }, { priority: 10 });
    await statusOf(busy.jobId, "running");
    const user = await queue.enqueue(FORECAST_EVENT, { symbol: "V" }, { priority: 10 });
    // What a warm-up of V running beside the person's job (JOB_CONCURRENCY 2) does: it leaves V to that job.
    expect(await warmCheck({ symbol: "V" })).toEqual({ symbol: "V", skipped: "training for a request", job: user.jobId });
    await queue.runner()!.idle();
    const db = await getDb();
    expect((await db.job.findUniqueOrThrow({ where: { id: user.jobId } })).status).toBe("done");
    expect(await db.modelVersion.count({ where: { symbol: "V" } })).toBe(2);
  });

  it("a person who joined it cannot cancel it (403) but can leave: the warm-up goes on, the next symbol still warms", async () => {
    const warm = await queue.enqueue(WARM_EVENT, { symbol: "GOOGL", then: ["META"] }, { priority: WARM_PRIORITY });
    await statusOf(warm.jobId, "running");
    expect((await predict("GOOGL")).json.job_id).toBe(warm.jobId);
    const c = await cancel(warm.jobId);
    expect(c.status).toBe(403);
    expect(c.json.error.code).toBe("forbidden");
    const left = await leave(warm.jobId);
    expect(left.status).toBe(200);
    expect(left.json).toEqual({ id: warm.jobId, left: true });
    // No longer following it: the job is as unknown to them as anyone else's.
    expect((await job(warm.jobId)).status).toBe(404);
    await queue.runner()!.idle();
    const db = await getDb();
    expect((await db.job.findUniqueOrThrow({ where: { id: warm.jobId } })).status).toBe("done");
    expect(await db.modelVersion.count({ where: { symbol: "GOOGL", status: "active" } })).toBe(2);
    const next = await db.job.findMany({ where: { name: WARM_EVENT, subject: "META" } });
    expect(next.map((j) => j.status)).toEqual(["done"]);
  });
});
