// Several people asking for a symbol's models at the same moment: one job, shared by all of them. Before the
// per-symbol lock (src/server/jobs/symbol-lock.ts) each request that found no job yet started its own: three
// asks at once made three jobs. (Across processes: tests/e2e/two-instances.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as askModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_MODELS: "naive,drift,arima", JOB_CONCURRENCY: "1" } });
});
afterAll(async () => {
  const db = await getDb();
  for (const j of await db.job.findMany({ where: { status: { in: ["queued", "running"] } } })) await queue.cancel(j.id);
  await queue.runner()?.idle();
  await env?.teardown();
});

const ask = (symbol: string, token: string) =>
  call(askModelsRoute, { method: "POST", path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${token}` } });

describe("asks for one symbol at the same moment", () => {
  it("four asks by three people at once: all 202 with the one job, one job row", async () => {
    const people = await Promise.all(["conc_a", "conc_b", "conc_c"].map((n) => signedInUser(n)));
    const answers = await Promise.all([...people, people[0]].map((p) => ask("MSFT", p.token)));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const ids = new Set(answers.map((r) => r.json.job_id as string));
    expect(ids.size).toBe(1);
    expect(await (await getDb()).job.count({ where: { name: "predictions/forecast.requested", subject: "MSFT" } })).toBe(1);
  });
});
