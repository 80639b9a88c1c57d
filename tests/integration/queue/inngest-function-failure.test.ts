import { InngestTestEngine, mockCtx } from "@inngest/test";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { wrapJob } from "@/lib/queue/define";
import { createJobStore, type JobStore } from "@/lib/queue/store";
import type { JobHandler } from "@/lib/queue/types";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

let db: TestDatabase;
let store: JobStore;
beforeAll(async () => {
  db = await openTestDatabase();
  store = createJobStore(async () => db.prisma);
});
afterAll(async () => {
  await db?.close();
});

// A test-only function wrapped like the real ones and executed by Inngest's own engine.
const client = new Inngest({ id: "stock-hub-test" });
const explode: JobHandler<{ symbol: string }> = async ({ data, step, progress }) => {
  await progress({ value: 0.3, message: `fetching ${data.symbol}` });
  const body = await step.run("fetch", () => "<html>not json</html>");
  if (!body.startsWith("{")) throw new Error(`provider returned garbage for ${data.symbol}`);
  return body;
};
const handler = wrapJob({
  id: "explode",
  event: "test/explode.run",
  schema: z.object({ symbol: z.string() }),
  retries: 0,
  load: async () => explode,
});
const fn = client.createFunction({ id: "explode", triggers: [{ event: "test/explode.run" }], retries: 0 }, (ctx) =>
  handler(ctx as unknown as Parameters<typeof handler>[0]),
);
const engine = new InngestTestEngine({
  function: fn,
  transformCtx: (ctx) => ({ ...mockCtx(ctx), jobStore: store }) as typeof ctx,
});

// The same function allowed two retries: a failing first attempt is not the end of the run.
const retrying = wrapJob({
  id: "explode-retrying",
  event: "test/explode.run",
  schema: z.object({ symbol: z.string() }),
  retries: 2,
  load: async () => async ({ data }) => {
    throw new Error(`provider returned garbage for ${data.symbol}`);
  },
});
const retryingEngine = new InngestTestEngine({
  function: client.createFunction({ id: "explode-retrying", triggers: [{ event: "test/explode.run" }], retries: 2 }, (ctx) =>
    retrying(ctx as unknown as Parameters<typeof retrying>[0]),
  ),
  transformCtx: (ctx) => ({ ...mockCtx(ctx), jobStore: store }) as typeof ctx,
});

describe("a job function failing under Inngest", () => {
  it("leaves the job running while Inngest still has retries for it", async () => {
    const { id } = await store.create({ name: "test/explode.run", input: { symbol: "MSFT" } });
    const { error } = await retryingEngine.execute({ events: [{ name: "test/explode.run", data: { symbol: "MSFT", jobId: id } }] });
    expect(String((error as Error)?.message ?? error)).toMatch(/garbage for MSFT/);
    expect(await store.get({ id })).toMatchObject({ status: "running", error: null });
  });

  it("records the failure of the last attempt and the progress it made on the job row", async () => {
    const { id } = await store.create({ name: "test/explode.run", input: { symbol: "AAPL" } });
    const { error } = await engine.execute({ events: [{ name: "test/explode.run", data: { symbol: "AAPL", jobId: id } }] });
    expect(String((error as Error)?.message ?? error)).toMatch(/provider returned garbage for AAPL/);
    expect(await store.get({ id })).toMatchObject({
      status: "failed",
      progress: 0.3,
      message: "fetching AAPL",
      error: "provider returned garbage for AAPL",
    });
  });

  it("rejects a payload that does not match the event schema before touching the job", async () => {
    const { id } = await store.create({ name: "test/explode.run", input: {} });
    const { error } = await engine.execute({ events: [{ name: "test/explode.run", data: { jobId: id } }] });
    expect(JSON.stringify(error)).toMatch(/symbol/);
    expect((await store.get({ id }))?.status).toBe("queued");
  });
});
