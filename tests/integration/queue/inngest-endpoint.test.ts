import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
  resetServicesForTests();
});

async function load(env: Record<string, string | undefined>) {
  process.env = { ...saved, INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined, ...env } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  resetServicesForTests();
  return import("@/app/api/inngest/route");
}

describe("/api/inngest", () => {
  it("serves the function registry to the Inngest dev server", async () => {
    const { GET } = await load({ INNGEST_DEV: "1" });
    const res = await GET(new NextRequest("http://localhost:3000/api/inngest"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { mode: string; function_count: number };
    expect(body.mode).toBe("dev");
    // Each job function with its failure handler.
    const { jobDefinitions } = await import("@/handlers");
    expect(jobDefinitions.map((f) => f.id)).toEqual(expect.arrayContaining(["warm-cache", "compute-prediction", "train-models", "fill-actuals", "deliver-webhook", "retry-webhooks", "refresh-market"]));
    expect(body.function_count).toBe(jobDefinitions.length * 2);
  });

  it("is a 404 with a clear message on the embedded default", async () => {
    const { PUT } = await load({ INNGEST_DEV: undefined });
    const res = await PUT(new NextRequest("http://localhost:3000/api/inngest", { method: "PUT" }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Inngest is not configured/);
  });
});
