import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "./predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { TRAINING_REQUESTS_PER_HOUR: "2", FORECAST_MODELS: "naive" } });
});
afterAll(async () => {
  await queue.runner()?.idle();
  await env?.teardown();
});

const predict = (symbol: string, token: string) =>
  call(getPredictionRoute, { path: `/api/predictions/${symbol}`, params: { symbol }, headers: { authorization: `Bearer ${token}` } });

describe("per-user training limit (TRAINING_REQUESTS_PER_HOUR=2)", () => {
  it("admits two new symbols per hour, refuses the third with 429 + Retry-After, and counts a repeated symbol once", async () => {
    const alice = await signedInUser("limit_alice");
    expect((await predict("AAPL", alice.token)).status).toBe(202);
    const msft = await predict("MSFT", alice.token);
    expect(msft.status).toBe(202);
    const third = await predict("NVDA", alice.token);
    expect(third.status).toBe(429);
    expect(third.json).toEqual({ error: { code: "rate_limited", message: "You can ask for training of 2 new symbols per hour; try again in 60 min" } });
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(third.headers.get("x-ratelimit-limit")).toBe("2");
    expect(third.headers.get("x-ratelimit-remaining")).toBe("0");
    const db = await getDb();
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(2);
    // Another user has their own allowance.
    const bob = await signedInUser("limit_bob");
    expect((await predict("NVDA", bob.token)).status).toBe(202);
    // Asking again for a symbol already counted this hour is free, even when it needs a new job.
    expect(await queue.cancel(msft.json.job_id)).toBe(true);
    const again = await predict("MSFT", alice.token);
    expect(again.status).toBe(202);
    expect(again.json.job_id).not.toBe(msft.json.job_id);
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(3);
    expect((await predict("JPM", alice.token)).status).toBe(429);
  });
});
