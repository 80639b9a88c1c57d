// Concurrent writes of one account's resources, as a hostile or careless API client sends them, on the real
// database: a burst of creations never takes an account past its cap (the count and the insert are one step,
// not a check a parallel request can slip past), and a resource deleted while other requests change or delete
// it answers those requests 404, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import * as alertRoutes from "@/app/api/alerts/[id]/route";
import * as keysRoutes from "@/app/api/keys/route";
import * as portfoliosRoutes from "@/app/api/portfolios/route";
import * as portfolioRoutes from "@/app/api/portfolios/[id]/route";
import * as watchlistsRoutes from "@/app/api/watchlists/route";
import * as watchlistRoutes from "@/app/api/watchlists/[id]/route";
import * as webhooksRoutes from "@/app/api/webhooks/route";
import * as webhookRoutes from "@/app/api/webhooks/[id]/route";
import { getDb } from "@/lib/db";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", RATE_LIMIT_DEFAULT_PER_MIN: "100000" } });
});
afterAll(async () => env?.teardown());

const tally = (rs: { status: number }[]) => rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

describe("a burst of creations stops at the account's cap", () => {
  const cases = [
    { what: "watchlists", cap: 20, post: watchlistsRoutes.POST, body: (i: number) => ({ name: `List ${i}` }), held: (userId: string) => getDb().then((db) => db.watchlist.count({ where: { userId } })) },
    { what: "portfolios", cap: 20, post: portfoliosRoutes.POST, body: (i: number) => ({ name: `Book ${i}` }), held: (userId: string) => getDb().then((db) => db.portfolio.count({ where: { userId } })) },
    { what: "alerts", cap: 50, post: alertsRoutes.POST, body: (i: number) => ({ symbol: "AAPL", type: "above", price: 100 + i }), held: (userId: string) => getDb().then((db) => db.alert.count({ where: { userId } })) },
    { what: "webhooks", cap: 10, post: webhooksRoutes.POST, body: (i: number) => ({ url: `http://127.0.0.1:9/hook${i}`, events: ["prediction.updated"] }), held: (userId: string) => getDb().then((db) => db.webhook.count({ where: { userId } })) },
    { what: "API keys", cap: 25, post: keysRoutes.POST, body: (i: number) => ({ name: `key ${i}` }), held: (userId: string) => getDb().then((db) => db.apiKey.count({ where: { userId, revokedAt: null } })) },
  ];
  for (const c of cases) {
    it(`${c.what}: ${c.cap + 8} at once make ${c.cap}, the rest are 409`, async () => {
      const user = await registerUser(`burst_${c.what.replace(/\W/g, "")}`);
      const answers = await Promise.all(Array.from({ length: c.cap + 8 }, (_, i) => call(c.post, { method: "POST", body: c.body(i), headers: user.auth })));
      expect(tally(answers)).toEqual({ 201: c.cap, 409: 8 });
      expect(await c.held(user.id)).toBe(c.cap);
    });
  }
});

describe("a resource deleted while other requests reach it", () => {
  const cases = [
    { what: "watchlist", create: watchlistsRoutes.POST, createBody: { name: "Gone" }, one: watchlistRoutes, patch: { name: "Renamed" } },
    { what: "portfolio", create: portfoliosRoutes.POST, createBody: { name: "Gone" }, one: portfolioRoutes, patch: { name: "Renamed" } },
    { what: "alert", create: alertsRoutes.POST, createBody: { symbol: "AAPL", type: "above", price: 300 }, one: alertRoutes, patch: { active: false } },
    { what: "webhook", create: webhooksRoutes.POST, createBody: { url: "http://127.0.0.1:9/gone", events: ["prediction.updated"] }, one: webhookRoutes, patch: { enabled: false } },
  ];
  for (const c of cases) {
    it(`${c.what}: six deletes and six changes at once answer one 200 delete and 404 or 200, never 500`, async () => {
      const user = await registerUser(`gone_${c.what}`);
      const made = await call(c.create, { method: "POST", body: c.createBody, headers: user.auth });
      expect(made.status).toBe(201);
      const params = { id: made.json.id as string };
      const deletes = Array.from({ length: 6 }, () => call(c.one.DELETE, { method: "DELETE", params, headers: user.auth }));
      const patches = Array.from({ length: 6 }, () => call(c.one.PATCH, { method: "PATCH", params, body: c.patch, headers: user.auth }));
      const [d, p] = await Promise.all([Promise.all(deletes), Promise.all(patches)]);
      const deleted = tally(d);
      expect(deleted[200]).toBe(1);
      expect(deleted[200] + (deleted[404] ?? 0)).toBe(6);
      for (const r of p) expect([200, 404], JSON.stringify(r.json)).toContain(r.status);
      for (const r of [...d, ...p].filter((r) => r.status === 404)) expect(r.json).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    });
  }
});
