// The same rate-limit behaviour through the real route wrapper, run once per cache backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as keyRoutes from "@/app/api/keys/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import { cache } from "@/lib/cache";
import { route } from "@/server/route";
import { setKeyTier } from "@/server/auth/api-keys";
import { consume } from "@/server/auth/rate-limit-policy";
import { call, randomIp, setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "./auth-test-env";

export function routeLimitContract({ backend, inspect }: { backend: "memory" | "redis"; inspect?: () => Promise<{ keys(pattern: string): Promise<string[]>; cleanup(): Promise<void> }> }) {
  describe(`rate limits through the route wrapper (${backend})`, () => {
    let env: AuthTestEnv;
    let probe: Awaited<ReturnType<NonNullable<typeof inspect>>> | undefined;
    beforeAll(async () => {
      env = await setUpAuthTestEnv({
        redis: backend === "redis",
        env: {
          TRUSTED_PROXY: "1",
          RATE_LIMIT_ANON_PER_MIN: "3",
          RATE_LIMIT_DEFAULT_PER_MIN: "4",
          RATE_LIMIT_PREMIUM_PER_MIN: "6",
          RATE_LIMIT_AUTH_PER_MIN: "3",
          RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "2",
          // Exact counts need every call to reach Redis; on a loaded CI machine the default 500 ms
          // timeout can send one to the in-memory fallback, which keeps its own count.
          CACHE_TIMEOUT_MS: "5000",
        },
      });
      probe = await inspect?.();
    });
    afterAll(async () => {
      await probe?.cleanup();
      await env?.teardown();
    });

    const publicRoute = route({ name: "/test/public" }, async () => ({ ok: true }));

    it("uses the configured cache backend", () => {
      expect(cache.backend).toBe(backend);
    });

    it("anonymous: exactly N requests per IP, headers on each, then 429 with Retry-After; other IPs unaffected", async () => {
      const ip = randomIp();
      const seen: [number, string | null, string | null][] = [];
      for (let i = 0; i < 4; i++) {
        const r = await call(publicRoute, { headers: { "x-forwarded-for": ip } });
        seen.push([r.status, r.headers.get("x-ratelimit-limit"), r.headers.get("x-ratelimit-remaining")]);
        if (i === 3) {
          expect(r.json).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Rate limit exceeded/) } });
          const retry = Number(r.headers.get("retry-after"));
          expect(retry).toBeGreaterThanOrEqual(1);
          expect(retry).toBeLessThanOrEqual(120);
          expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + retry - 1);
        }
      }
      expect(seen).toEqual([
        [200, "3", "2"],
        [200, "3", "1"],
        [200, "3", "0"],
        [429, "3", "0"],
      ]);
      expect((await call(publicRoute, { headers: { "x-forwarded-for": randomIp() } })).status).toBe(200);
      if (probe) expect(await probe.keys(`rl:api:ip:${ip}*`)).not.toHaveLength(0);
    });

    it("keys: the budget follows the key's tier, also on public routes, and is separate from the IP's", async () => {
      const username = uniqueName("tier");
      const reg = await call(registerRoutes.POST, {
        method: "POST",
        body: { email: `${username}@example.com`, username, password: "violet-kettle-99" },
        headers: { "x-forwarded-for": randomIp() },
      });
      const auth = { authorization: `Bearer ${reg.json.access_token}`, "x-forwarded-for": randomIp() };
      // Users create default keys; premium is an admin's grant.
      const mk = async (tier: "default" | "premium") => {
        const created = (await call(keyRoutes.POST, { method: "POST", body: { name: tier }, headers: auth })).json;
        if (tier !== "default") await setKeyTier({ id: created.apiKey.id, tier });
        return created.key as string;
      };
      const def = await mk("default");
      const prem = await mk("premium");
      const ip = randomIp();
      const statuses = async (key: string, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await call(publicRoute, { headers: { "x-api-key": key, "x-forwarded-for": ip } })).status);
        return out;
      };
      expect(await statuses(def, 5)).toEqual([200, 200, 200, 200, 429]);
      expect(await statuses(prem, 7)).toEqual([200, 200, 200, 200, 200, 200, 429]);
      // The anonymous bucket of that IP was never touched.
      const anon = await call(publicRoute, { headers: { "x-forwarded-for": ip } });
      expect(anon.headers.get("x-ratelimit-remaining")).toBe("2");
    });

    it("a bad key on a public route is a 401, never anonymous, and still counts against the client's IP", async () => {
      const ip = randomIp();
      const r = await call(publicRoute, { headers: { "x-api-key": "sk_notarealkey", "x-forwarded-for": ip } });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthorized");
      expect(r.headers.get("x-ratelimit-remaining")).toBe("2");
      expect((await call(publicRoute, { headers: { authorization: "Bearer not-a-jwt", "x-forwarded-for": ip } })).status).toBe(401);
      expect((await call(publicRoute, { headers: { "x-forwarded-for": ip } })).headers.get("x-ratelimit-remaining")).toBe("0");
    });

    it("refused requests count too: malformed input and missing credentials are limited like any other", async () => {
      const strict = route(
        { name: "/test/strict", params: z.object({ n: z.string().regex(/^\d+$/) }), auth: "user" },
        async () => ({ ok: true }),
      );
      const ip = randomIp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await call(strict, { headers: { "x-forwarded-for": ip }, params: { n: "abc" } });
        statuses.push(r.status);
        expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });

    it("login: per-IP attempts are capped regardless of the account", async () => {
      // Four bcrypt-checked attempts take seconds on a loaded machine; across a minute boundary the sliding
      // window rightly lets one more through, so start where the whole run fits in one window.
      if (Date.now() % 60_000 > 35_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 50));
      const ip = randomIp();
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await call(loginRoutes.POST, { method: "POST", body: { login: uniqueName("who"), password: "whatever-123" }, headers: { "x-forwarded-for": ip } });
        out.push(r.status);
        if (i === 0) expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      }
      expect(out).toEqual([401, 401, 401, 429]);
    });

    it("login: attempts are counted per account, whichever of email or username is typed, even with the right password", async () => {
      const username = uniqueName("acct");
      const password = "violet-kettle-55";
      await call(registerRoutes.POST, { method: "POST", body: { email: `${username}@example.com`, username, password }, headers: { "x-forwarded-for": randomIp() } });
      const ip = randomIp();
      const out: number[] = [];
      for (const [login, pw] of [[username, "wrong-password-1"], [`${username}@example.com`, "wrong-password-2"], [username, password]]) {
        out.push((await call(loginRoutes.POST, { method: "POST", body: { login, password: pw }, headers: { "x-forwarded-for": ip } })).status);
      }
      // Two per address (RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN), shared by the email and the username.
      expect(out).toEqual([401, 401, 429]);
      // Another address cannot use up the owner's attempts: the owner, elsewhere, still signs in.
      expect((await call(loginRoutes.POST, { method: "POST", body: { login: username, password }, headers: { "x-forwarded-for": randomIp() } })).status).toBe(200);
    });

    it("login: across addresses an account takes ten times the per-address budget, then even the right password waits", async () => {
      const username = uniqueName("spread");
      const password = "violet-kettle-56";
      await call(registerRoutes.POST, { method: "POST", body: { email: `${username}@example.com`, username, password }, headers: { "x-forwarded-for": randomIp() } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        out.push((await call(loginRoutes.POST, { method: "POST", body: { login: username, password: `wrong-${i}-password` }, headers: { "x-forwarded-for": randomIp() } })).status);
      }
      expect(out.every((s) => s === 401)).toBe(true);
      const locked = await call(loginRoutes.POST, { method: "POST", body: { login: `${username}@example.com`, password }, headers: { "x-forwarded-for": randomIp() } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    });

    it("a window resets: refused at the limit, allowed again once the window has passed", async () => {
      const key = `test:reset:${uniqueName("w")}`;
      await consume({ key, limit: 2, windowSec: 1 });
      await consume({ key, limit: 2, windowSec: 1 });
      const refused = await consume({ key, limit: 2, windowSec: 1 }).then(
        () => null,
        (e: { retryAfterSec?: number }) => e,
      );
      expect(refused?.retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(refused?.retryAfterSec).toBeLessThanOrEqual(2);
      // Sliding window: the previous window's count weighs in until a full window has gone by.
      await new Promise((r) => setTimeout(r, 2100));
      const again = await consume({ key, limit: 2, windowSec: 1 });
      expect(again.headers["X-RateLimit-Remaining"]).toBe("1");
    });
  });
}
