import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createInProcessQueue } from "@/lib/queue/create";
import { wrapJob } from "@/lib/queue/define";
import { InProcessRunner, type RunnableFunction } from "@/lib/queue/runner";
import { createJobStore, type JobStore } from "@/lib/queue/store";
import type { JobHandlerArgs } from "@/lib/queue/types";
import { jobDefinitions } from "@/handlers";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

// Test-only job functions, wrapped exactly like the real ones.
function testFunction<S extends z.ZodType>(opts: {
  id: string;
  schema: S;
  retries?: number;
  handler: (args: JobHandlerArgs<z.infer<S>>) => Promise<unknown>;
}): RunnableFunction {
  const event = `test/${opts.id}.run`;
  const { handler, ...def } = opts;
  return { id: opts.id, event, retries: opts.retries, handler: wrapJob({ ...def, event, load: async () => handler }) };
}

let db: TestDatabase;
let store: JobStore;
beforeAll(async () => {
  db = await openTestDatabase();
  store = createJobStore(async () => db.prisma);
});
afterAll(async () => {
  await db?.close();
});

const runner = (functions: RunnableFunction[], opts: { concurrency?: number; timeoutMs?: number } = {}) =>
  new InProcessRunner({
    store,
    functions,
    concurrency: opts.concurrency ?? 2,
    timeoutMs: opts.timeoutMs ?? 30_000,
    retryDelayMs: () => 20,
  });

describe("in-process runner", () => {
  it("runs a job to done, persisting progress, message, result and timestamps", async () => {
    const seen: { status: string; progress: number }[] = [];
    let jobIdInside = "";
    const sum = testFunction({
      id: "sum",
      schema: z.object({ values: z.array(z.number()) }),
      handler: async ({ data, step, progress, jobId }) => {
        jobIdInside = jobId;
        const total = await step.run("add", () => data.values.reduce((a, b) => a + b, 0));
        await progress({ value: 0.5, message: "half way" });
        const row = (await store.get({ id: jobId }))!;
        seen.push({ status: row.status, progress: row.progress });
        return { total, count: data.values.length };
      },
    });
    const r = runner([sum]);
    const { jobId } = await r.enqueue({ event: sum.event, data: { values: [1.5, 2.25, 3] } });
    await r.idle();
    expect(jobIdInside).toBe(jobId);
    expect(seen).toEqual([{ status: "running", progress: 0.5 }]);
    const job = (await store.get({ id: jobId }))!;
    expect(job).toMatchObject({
      name: "test/sum.run",
      status: "done",
      progress: 1,
      message: "half way",
      result: { total: 6.75, count: 3 },
      error: null,
    });
    expect(Date.parse(job.createdAt)).toBeLessThanOrEqual(Date.parse(job.startedAt!));
    expect(Date.parse(job.startedAt!)).toBeLessThanOrEqual(Date.parse(job.finishedAt!));
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).attempts).toBe(1);
  });

  it("retries a failing step without re-running the steps that completed", async () => {
    const calls = { fetch: 0, flaky: 0 };
    const fn = testFunction({
      id: "flaky",
      schema: z.object({}),
      retries: 3,
      handler: async ({ step }) => {
        const a = await step.run("fetch", () => ++calls.fetch);
        const b = await step.run("flaky", () => {
          calls.flaky++;
          if (calls.flaky < 3) throw new Error(`upstream 503 (try ${calls.flaky})`);
          return calls.flaky * 10;
        });
        return a + b;
      },
    });
    const r = runner([fn]);
    const { jobId } = await r.enqueue({ event: fn.event, data: {} });
    await r.idle();
    expect(calls).toEqual({ fetch: 1, flaky: 3 });
    const row = await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ status: "done", result: 31, attempts: 3 });
  });

  it("marks a job failed with the last error once retries are exhausted", async () => {
    let attempts = 0;
    const fn = testFunction({
      id: "broken",
      schema: z.object({}),
      retries: 2,
      handler: async ({ step }) =>
        step.run("explode", () => {
          attempts++;
          throw new Error(`provider down #${attempts}`);
        }),
    });
    const r = runner([fn]);
    const { jobId } = await r.enqueue({ event: fn.event, data: {} });
    await r.idle();
    expect(attempts).toBe(3);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ status: "failed", error: "provider down #3", attempts: 3 });
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  it("does not retry a NonRetriableError", async () => {
    let attempts = 0;
    const fn = testFunction({
      id: "fatal",
      schema: z.object({}),
      retries: 4,
      handler: async () => {
        attempts++;
        throw new NonRetriableError("symbol delisted");
      },
    });
    const r = runner([fn]);
    const { jobId } = await r.enqueue({ event: fn.event, data: {} });
    await r.idle();
    expect(attempts).toBe(1);
    expect(await store.get({ id: jobId })).toMatchObject({ status: "failed", error: "symbol delisted" });
  });

  it("times a job out, records status timeout and stops it at the next step", async () => {
    const ran: string[] = [];
    const fn = testFunction({
      id: "slow",
      schema: z.object({}),
      handler: async ({ step }) => {
        await step.run("first", () => ran.push("first"));
        await step.sleep("wait", "2s");
        await step.run("second", () => ran.push("second"));
        return "finished";
      },
    });
    // Generous margins: the machine is shared, and the first step's database writes must land before the timeout.
    const r = runner([fn], { timeoutMs: 800 });
    const { jobId } = await r.enqueue({ event: fn.event, data: {} });
    await r.idle();
    const job = (await store.get({ id: jobId }))!;
    expect(job.status).toBe("timeout");
    expect(job.error).toBe("Job timed out after 800 ms");
    await new Promise((res) => setTimeout(res, 2000)); // the abandoned run wakes from its sleep...
    expect(ran).toEqual(["first"]); // ...and is stopped before its next step
    expect((await store.get({ id: jobId }))!.status).toBe("timeout"); // and cannot overwrite the outcome
  });

  it("never runs more jobs at once than its concurrency", async () => {
    let running = 0;
    let peak = 0;
    const fn = testFunction({
      id: "busy",
      schema: z.object({ i: z.number() }),
      handler: async ({ data, step }) => {
        running++;
        peak = Math.max(peak, running);
        await step.sleep("work", 80);
        running--;
        return data.i * 2;
      },
    });
    const r = runner([fn], { concurrency: 2 });
    const ids = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => r.enqueue({ event: fn.event, data: { i } })));
    await r.idle();
    expect(peak).toBe(2);
    const rows = await db.prisma.job.findMany({ where: { id: { in: ids.map((x) => x.jobId) } } });
    expect(rows.map((j) => [j.status, j.result]).sort()).toEqual(
      [0, 2, 4, 6, 8, 10].map((v) => ["done", v]).sort(),
    );
  });
});

describe("in-process cron", () => {
  const minute = 60_000;
  /** A clock that reads 100 ms before minute k at the k-th arming (two reads each): every arming waits 100 ms of real time for a new minute. */
  const steppingClock = (base: number) => {
    let reads = 0;
    return () => new Date(base + Math.floor(reads++ / 2) * minute - 100);
  };
  const settle = async (r: InProcessRunner) => {
    // A firing claims its minute before it enqueues: let the last claims land.
    await new Promise((res) => setTimeout(res, 150));
    await r.idle();
  };

  it("enqueues a run each time the schedule fires, until stopped", async () => {
    const fn = testFunction({ id: "tick", schema: z.object({ reason: z.string() }), handler: async ({ data }) => data.reason });
    const r = runner([{ ...fn, cron: "* * * * *" }]);
    r.startCron(steppingClock(Math.ceil(Date.now() / minute) * minute));
    await new Promise((res) => setTimeout(res, 360));
    r.stopCron();
    await settle(r);
    const rows = await db.prisma.job.findMany({ where: { name: fn.event } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(4);
    expect(rows.every((j) => j.status === "done" && j.result === "schedule")).toBe(true);
    const after = rows.length;
    await new Promise((res) => setTimeout(res, 250));
    expect(await db.prisma.job.count({ where: { name: fn.event } })).toBe(after);
  });

  it("two processes on one database with the same schedule: each firing runs once", async () => {
    const fn = testFunction({ id: "shared-tick", schema: z.object({ reason: z.string() }), handler: async ({ data }) => data.reason });
    const [a, b] = [runner([{ ...fn, cron: "* * * * *" }]), runner([{ ...fn, cron: "* * * * *" }])];
    const base = Math.ceil(Date.now() / minute) * minute;
    a.startCron(steppingClock(base));
    b.startCron(steppingClock(base));
    await new Promise((res) => setTimeout(res, 560));
    a.stopCron();
    b.stopCron();
    await Promise.all([settle(a), settle(b)]);
    const rows = await db.prisma.job.count({ where: { name: fn.event } });
    const ticks = await db.prisma.cronTick.findMany({ where: { name: "shared-tick" }, orderBy: { at: "asc" } });
    // Both timers fired about five times; each minute was claimed by one of them and run once.
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(rows).toBeLessThanOrEqual(6);
    expect(ticks.length).toBe(rows);
    expect(ticks.map((t) => t.at.getTime() - base)).toEqual(ticks.map((_, i) => i * minute));
  });
});

describe("in-process queue", () => {
  it("validates the event name and payload before writing a Job row", async () => {
    const q = createInProcessQueue({ db: async () => db.prisma, definitions: jobDefinitions, concurrency: 1, timeoutMs: 1000 });
    const before = await db.prisma.job.count();
    await expect(q.enqueue({ event: "market/nothing.happen" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(q.enqueue({ event: "market/cache.warm", data: { reason: "because" } })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("reason"),
    });
    expect(await db.prisma.job.count()).toBe(before);
  });

  it("answers 503 when the job table cannot be written, so callers can fall back to inline work", async () => {
    const q = createInProcessQueue({
      db: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
      definitions: jobDefinitions,
      concurrency: 1,
      timeoutMs: 1000,
    });
    await expect(q.enqueue({ event: "market/cache.warm", data: {} })).rejects.toMatchObject({
      code: "unavailable",
      status: 503,
    });
    expect((await q.health()).status).toBe("down");
  });

  it("reports health from the job table", async () => {
    const q = createInProcessQueue({ db: async () => db.prisma, definitions: jobDefinitions, concurrency: 3, timeoutMs: 1000 });
    const h = await q.health();
    expect(h.status).toBe("up");
    expect(h.backend).toBe("inprocess");
    const failed = await db.prisma.job.count({ where: { status: "failed" } });
    expect(h.detail).toContain(`failed ${failed}`);
  });

  it("waits for a slow-opening database before holding the job-table query to its timeout", async () => {
    // The embedded database can take seconds to start on a cold server; that is not the queue being down.
    // Like the app's getDb(): the first call opens (slowly), later calls share the same promise.
    let opening: Promise<typeof db.prisma> | undefined;
    const slowOpen = () => (opening ??= new Promise((resolve) => setTimeout(() => resolve(db.prisma), 3500)));
    const q = createInProcessQueue({ db: slowOpen, definitions: jobDefinitions, concurrency: 1, timeoutMs: 1000 });
    const h = await q.health();
    expect(h.status).toBe("up");
    expect(h.latencyMs).toBeGreaterThanOrEqual(3400);
  });
});
