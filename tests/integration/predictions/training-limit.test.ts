import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute, POST as askModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  // One job at a time: the asked-for trainings wait in the queue, where the test cancels them.
  env = await setUpPredictionsEnv({ env: { TRAINING_REQUESTS_PER_HOUR: "2", FORECAST_MODELS: "naive,drift,arima", JOB_CONCURRENCY: "1" } });
});
afterAll(async () => {
  const db = await getDb();
  for (const j of await db.job.findMany({ where: { status: { in: ["queued", "running"] } } })) await queue.cancel(j.id);
  await queue.runner()?.idle();
  await env?.teardown();
});

const read = (symbol: string, token: string) =>
  call(getPredictionRoute, { path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${token}` } });
const ask = (symbol: string, token: string) =>
  call(askModelsRoute, { method: "POST", path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${token}` } });

describe("per-user training limit (TRAINING_REQUESTS_PER_HOUR=2)", () => {
  it("reads and baselines use none of it: three symbols read, no job and no slot; then two asks admitted, the third refused with 429 offering the baseline, a repeated symbol counted once", async () => {
    const db = await getDb();
    const alice = await signedInUser("limit_alice");
    for (const symbol of ["AAPL", "MSFT", "NVDA"]) {
      const r = await read(symbol, alice.token);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ symbol, stage: "baseline", training: null });
    }
    expect(await db.job.count()).toBe(0);

    expect((await ask("AAPL", alice.token)).status).toBe(202);
    const msft = await ask("MSFT", alice.token);
    expect(msft.status).toBe(202);
    const third = await ask("NVDA", alice.token);
    expect(third.status).toBe(429);
    expect(third.json).toEqual({
      error: {
        code: "rate_limited",
        message: "You have asked for the models of 2 new symbols this hour, the most per hour; the baseline forecast of NVDA is ready meanwhile, and its models can be asked for in 60 min.",
      },
    });
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(third.headers.get("x-ratelimit-limit")).toBe("2");
    expect(third.headers.get("x-ratelimit-remaining")).toBe("0");
    // The refused symbol's baseline is still served, and reading it takes no slot.
    const refusedRead = await read("NVDA", alice.token);
    expect(refusedRead.status).toBe(200);
    expect(refusedRead.json.stage).toBe("baseline");
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(2);
    expect(await db.job.count()).toBe(2);

    // Another user has their own allowance.
    const bob = await signedInUser("limit_bob");
    expect((await ask("NVDA", bob.token)).status).toBe(202);
    // Asking again for a symbol already counted this hour is free, even when it needs a new job.
    expect(await queue.cancel(msft.json.job_id)).toBe(true);
    const again = await ask("MSFT", alice.token);
    expect(again.status).toBe(202);
    expect(again.json.job_id).not.toBe(msft.json.job_id);
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(3);
    expect((await ask("JPM", alice.token)).status).toBe(429);
    // Joining someone else's running or queued training uses no slot either.
    const carol = await signedInUser("limit_carol");
    expect((await ask("NVDA", carol.token)).json.job_id).toBeDefined();
    expect(await db.job.count({ where: { userId: carol.id } })).toBe(0);
  });
});
