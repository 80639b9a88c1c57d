import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET } from "@/app/api/jobs/[id]/route";
import { POST as LEAVE } from "@/app/api/jobs/[id]/leave/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { CACHE_WARM_EVENT, TRAINING_EVENT } from "@/server/jobs/catalog";
import { shareJob } from "@/server/jobs/access";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

// The app's own singletons (getDb, queue) configured purely through the environment.
let env: PredictionsTestEnv;
let owner: { id: string; token: string };
let other: { id: string; token: string };
let admin: { id: string; token: string };
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { WATCHLIST: "AAPL,MSFT", JOB_CONCURRENCY: "1" } });
  owner = await signedInUser("job_owner");
  other = await signedInUser("job_other");
  admin = await signedInUser("job_admin", { role: "admin" });
});
afterAll(async () => env?.teardown());

const bearer = (u: { token: string } | null): Record<string, string> => (u ? { authorization: `Bearer ${u.token}` } : {});
const get = (id: string, as: { token: string } | null) => call(GET, { path: `/api/jobs/${encodeURIComponent(id)}`, params: { id }, headers: bearer(as) });
const del = (id: string, as: { token: string } | null) =>
  call(DELETE, { method: "DELETE", path: `/api/jobs/${encodeURIComponent(id)}`, params: { id }, headers: bearer(as) });

describe("GET /api/jobs/{id}", () => {
  it("follows its owner's job from queued to done", async () => {
    expect(queue.backend).toBe("inprocess");
    const { jobId } = await queue.enqueue(CACHE_WARM_EVENT, { reason: "manual" }, { userId: owner.id });
    let res = await get(jobId, owner);
    expect(res.status).toBe(200);
    for (let i = 0; i < 200 && !["done", "failed", "timeout"].includes(res.json.status as string); i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await get(jobId, owner);
    }
    expect(Object.keys(res.json).sort()).toEqual(
      ["createdAt", "error", "finishedAt", "id", "message", "name", "progress", "result", "startedAt", "status"].sort(),
    );
    expect(res.json).toMatchObject({
      id: jobId,
      name: "market/cache.warm",
      status: "done",
      progress: 1,
      error: null,
      result: { warmed: ["AAPL", "MSFT"], failed: [] },
    });
    expect(Date.parse(res.json.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(res.json.startedAt as string));
  });

  it("shows a job only to its owner, a user it was shared with, or an admin (404 for others, 401 anonymous)", async () => {
    const { jobId } = await queue.enqueue(CACHE_WARM_EVENT, { reason: "manual" }, { userId: owner.id });
    await queue.runner()!.idle();
    const stranger = await get(jobId, other);
    expect(stranger.status).toBe(404);
    expect(stranger.json).toEqual({ error: { code: "not_found", message: `Job ${jobId} not found` } });
    expect((await get(jobId, null)).status).toBe(401);
    expect((await get(jobId, admin)).status).toBe(200);
    await shareJob({ jobId, userId: other.id });
    expect((await get(jobId, other)).status).toBe(200);
    // A scheduled run has no owner: only admins see it.
    const { jobId: cron } = await queue.enqueue(CACHE_WARM_EVENT, { reason: "schedule" });
    await queue.runner()!.idle();
    expect((await get(cron, owner)).status).toBe(404);
    expect((await get(cron, admin)).json.status).toBe("done");
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await get("c" + "0".repeat(24), owner);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: "not_found", message: `Job c${"0".repeat(24)} not found` } });
    const bad = await get("../../etc", owner);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
  });

  it("reports queue health through the app database", async () => {
    const h = await queue.health();
    expect(h).toMatchObject({ status: "up", backend: "inprocess" });
    expect(h.detail).toMatch(/jobs queued \d+, running \d+/);
  });
});

describe("DELETE /api/jobs/{id}", () => {
  it("cancels a waiting job for its owner: it never runs, and a second cancel is a 409", async () => {
    // One slot: the first job (training three symbols) holds it while the second waits.
    const { jobId: busy } = await queue.enqueue(TRAINING_EVENT, { symbols: ["AAPL", "MSFT", "NVDA"], models: ["naive"] }, { userId: admin.id });
    const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: ["JPM"], models: ["naive"] }, { userId: owner.id });
    expect((await del(jobId, other)).status).toBe(404);
    const res = await del(jobId, owner);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: jobId, status: "cancelled", error: "Cancelled on request" });
    const again = await del(jobId, owner);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict");
    // Cancelling the running job stops it at its next step: not every symbol gets trained.
    expect((await del(busy, admin)).json.status).toBe("cancelled");
    await queue.runner()!.idle();
    const db = await getDb();
    expect((await db.job.findUniqueOrThrow({ where: { id: busy } })).status).toBe("cancelled");
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).startedAt).toBeNull();
    expect(await db.modelVersion.count({ where: { symbol: "JPM" } })).toBe(0);
    expect(await db.modelVersion.count({ where: { symbol: "NVDA" } })).toBe(0);
  });
});

describe("a shared job: cancel and leave", () => {
  const leave = (id: string, as: { token: string } | null) => call(LEAVE, { method: "POST", path: `/api/jobs/${id}/leave`, params: { id }, headers: bearer(as) });

  it("a joiner may follow but not cancel (403); leaving ends their access, the job goes on; its starter cannot leave (409) but cancels", async () => {
    const { jobId: busy } = await queue.enqueue(TRAINING_EVENT, { symbols: ["AAPL"], models: ["naive"] }, { userId: admin.id });
    const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: ["JPM"], models: ["naive"] }, { userId: owner.id });
    await shareJob({ jobId, userId: other.id });
    expect((await get(jobId, other)).status).toBe(200);
    const refused = await del(jobId, other);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    expect((await get(jobId, owner)).json.status).toBe("queued");

    const left = await leave(jobId, other);
    expect(left.json).toEqual({ id: jobId, left: true });
    expect((await get(jobId, other)).status).toBe(404);
    expect((await leave(jobId, other)).status).toBe(404);
    expect((await leave(jobId, owner)).status).toBe(409);
    expect((await del(jobId, owner)).json.status).toBe("cancelled");
    await queue.runner()!.idle();
    expect((await get(busy, admin)).json.status).toBe("done");
  }, 300_000);
});
