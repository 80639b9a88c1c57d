import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as unknownApi from "@/app/api/[...path]/route";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
});
afterAll(async () => env?.teardown());

describe("an /api path no route matches", () => {
  it.each([
    ["GET", "/api/doesnotexist", ["doesnotexist"]],
    ["GET", "/api/stock", ["stock"]],
    ["GET", "/api/stock/AAPL/extra", ["stock", "AAPL", "extra"]],
    ["POST", "/api/doesnotexist", ["doesnotexist"]],
    ["PUT", "/api/jobs", ["jobs"]],
    ["PATCH", "/api/a/b", ["a", "b"]],
    ["DELETE", "/api/models", ["models"]],
    ["OPTIONS", "/api/nope", ["nope"]],
  ] as const)("%s %s is a JSON 404 naming the path", async (method, path, segments) => {
    const handler = unknownApi[method];
    const r = await call(handler as never, { method, path, params: { path: segments as never } });
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.json).toEqual({ error: { code: "not_found", message: `No API route at ${path}` } });
  });
});
