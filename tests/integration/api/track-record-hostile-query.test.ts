// GET /api/track-record's query as a hostile client writes it. A date that looks right but names no day (2024-02-30, 2023-04-31) in GET /api/track-record's from/to: V8's
// Date.parse rolls it over to March, so it passed the check, and Postgres refused the string itself
// ("date/time field value out of range"): a 500 for a typo. And an `after` past the ledger's integer sequence
// (3000000000) failed in the query, a 500 too. Both are a 400 naming the parameter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as trackRecordRoute } from "@/app/api/track-record/route";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { RATE_LIMIT_ANON_PER_MIN: "100000" } });
});
afterAll(async () => env?.teardown());

describe("GET /api/track-record with a hostile query", () => {
  it.each([
    ["from", "2024-02-30"],
    ["to", "2023-04-31"],
    ["from", "2023-02-29"],
    ["to", "2024-00-10"],
  ])("%s=%s is a 400 naming the parameter", async (param, value) => {
    const r = await call(trackRecordRoute, { path: `/api/track-record?${param}=${value}` });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: { code: "bad_request", message: `${param}: Not a calendar date` } });
  });

  it("a leap day that exists is read", async () => {
    const r = await call(trackRecordRoute, { path: "/api/track-record?from=2024-02-29&to=2024-03-31" });
    expect(r.status).toBe(200);
    expect(r.json.counts).toEqual({ entries: 0, scored: 0, awaiting: 0 });
  });

  it("an after past the largest sequence number is a 400; the largest itself reads an empty page", async () => {
    const r = await call(trackRecordRoute, { path: "/api/track-record?after=3000000000" });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: { code: "bad_request", message: "after: must be at most 2147483647" } });
    const last = await call(trackRecordRoute, { path: "/api/track-record?after=2147483647" });
    expect(last.status).toBe(200);
    expect(last.json.entries).toEqual([]);
  });
});
