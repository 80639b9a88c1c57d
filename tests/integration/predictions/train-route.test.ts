import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { POST as train } from "@/app/api/train/route";
import { POST as retrain } from "@/app/api/models/[symbol]/retrain/route";
import { GET as history } from "@/app/api/predictions/[symbol]/history/route";
import { getDb } from "@/lib/db";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

const ADMIN_KEY = "admin-key-for-prediction-tests-0123456789";
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { ADMIN_API_KEY: ADMIN_KEY } });
});
afterAll(async () => env?.teardown());

const post = (body: unknown, headers: Record<string, string>) => call(train, { method: "POST", path: "/api/train", body, headers });
const admin = { "x-api-key": ADMIN_KEY };

describe("POST /api/train", () => {
  it("is admin only: 401 anonymous, 403 for a user", async () => {
    expect((await post({ symbols: ["JPM"] }, {})).status).toBe(401);
    const user = await signedInUser("plain_user");
    const r = await post({ symbols: ["JPM"] }, { authorization: `Bearer ${user.token}` });
    expect(r.status).toBe(403);
    expect(await (await getDb()).job.count()).toBe(0);
  });

  it("rejects unknown models and fields with 400 before queueing", async () => {
    const bad = await post({ symbols: ["JPM"], models: ["oracle"] }, admin);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/Unknown model "oracle"/);
    expect((await post({ symbols: ["JPM"], force: true }, admin)).status).toBe(400);
    expect((await post({ symbols: ["J$M"] }, admin)).status).toBe(400);
    expect(await (await getDb()).job.count()).toBe(0);
  });

  it("refuses unknown symbols with 404 before queueing: POST /api/train, the admin retrain and prediction history", async () => {
    const unknown = await post({ symbols: ["ZZZZZQ"] }, admin);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    const r = await call(retrain, { method: "POST", path: "/api/models/ZZZZZQ/retrain", params: { symbol: "ZZZZZQ" }, body: {}, headers: admin });
    expect(r.status).toBe(404);
    expect(await (await getDb()).job.count()).toBe(0);
    const h = await call(history, { path: "/api/predictions/ZZZZZQ/history", params: { symbol: "ZZZZZQ" }, headers: admin });
    expect(h.status).toBe(404);
    expect((await call(history, { path: "/api/predictions/JPM/history", params: { symbol: "JPM" }, headers: admin })).json.rows).toEqual([]);
  });

  it("queues training (202 + job id) that the in-process runner completes, promoting the first versions", async () => {
    const r = await post({ symbols: ["jpm"], models: ["naive", "drift"] }, admin);
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ job_id: expect.any(String), symbols: ["JPM"], poll: `/api/jobs/${r.json.job_id}` });
    let j = await call(getJob, { path: r.json.poll, params: { id: r.json.job_id }, headers: admin });
    for (let i = 0; i < 2400 && !["done", "failed", "timeout"].includes(j.json.status); i++) {
      await new Promise((res) => setTimeout(res, 25));
      j = await call(getJob, { path: r.json.poll, params: { id: r.json.job_id }, headers: admin });
    }
    expect(j.json).toMatchObject({ status: "done", name: "models/training.requested", message: "trained 1 of 1 symbol(s)" });
    expect(j.json.result.symbols[0].models.map((m: { model: string; status: string }) => `${m.model}:${m.status}`)).toEqual(["naive:active", "drift:active"]);
    const rows = await (await getDb()).modelVersion.findMany({ where: { symbol: "JPM" } });
    expect(rows.map((x) => x.model).sort()).toEqual(["drift", "naive"]);
  });
});
