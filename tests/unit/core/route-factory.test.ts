// The route wrapper is a factory: it identifies and limits callers only through what it is given, and
// lib/ (infrastructure) never reaches into server/ (the domain) or app/.
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { rateLimited } from "@/lib/errors";
import { z } from "zod";
import { createRoute, preflight } from "@/lib/route";

type P = { role: "user" | "admin"; name: string };

describe("createRoute", () => {
  it("uses the injected resolver and limiter, and enforces user/admin levels with them", async () => {
    const seen: Array<{ kind: string; who: string | null }> = [];
    const route = createRoute<P>({
      resolvePrincipal: async (req) => {
        const who = req.headers.get("authorization");
        return who ? { role: who === "Bearer root" ? "admin" : "user", name: who.slice(7) } : null;
      },
      rateLimit: async ({ principal, kind }) => {
        seen.push({ kind, who: principal?.name ?? null });
        if (principal?.name === "spammer") throw rateLimited("slow down", 7);
        return { "X-RateLimit-Limit": "5" };
      },
    });
    const whoami = route({ name: "/t/whoami", auth: "user" }, async ({ principal }) => ({ name: principal!.name }));
    const adminOnly = route({ name: "/t/admin", auth: "admin", rateLimit: "auth" }, async () => ({ ok: true }));
    const req = (path: string, token?: string) =>
      new NextRequest(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    const ok = await whoami(req("/t/whoami", "ann"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: "ann" });
    expect(ok.headers.get("X-RateLimit-Limit")).toBe("5");
    expect(ok.headers.get("X-Response-Time")).toMatch(/^\d+(\.\d+)?ms$/);

    expect((await whoami(req("/t/whoami"))).status).toBe(401);
    expect((await adminOnly(req("/t/admin", "ann"))).status).toBe(403);
    expect((await adminOnly(req("/t/admin", "root"))).status).toBe(200);
    const limited = await whoami(req("/t/whoami", "spammer"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("7");
    expect(seen).toEqual([
      { kind: "default", who: "ann" },
      { kind: "default", who: null },
      { kind: "auth", who: "ann" },
      { kind: "auth", who: "root" },
      { kind: "default", who: "spammer" },
    ]);
  });
});

describe("layering", () => {
  // The queue's own move out of server/jobs is tracked separately; the wrapper and the error mapper are checked here.
  it("refuses NUL and lone surrogates naming the field in words, not a validation path", async () => {
    const route = createRoute<P>({ resolvePrincipal: async () => null, rateLimit: async () => ({}) });
    const echo = route({ name: "/t/echo", body: z.strictObject({ login: z.string() }) }, async ({ body }) => body);
    const post = (login: string) => echo(new NextRequest("http://localhost/t/echo?x=1", { method: "POST", body: JSON.stringify({ login }) }));
    for (const bad of ["carol\u0000", "carol\ud800"]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe("login: contains a NUL or an invalid character");
    }
    const query = await route({ name: "/t/q" }, async () => ({}))(new NextRequest("http://localhost/t/q?q=a%00b"));
    expect((await query.json()).error.message).toBe("q: contains a NUL or an invalid character");
  });

  it("answers CORS preflight with X-Response-Time like every API response", () => {
    const res = preflight(new NextRequest("http://localhost/t", { method: "OPTIONS" }));
    expect(res.status).toBe(204);
    expect(res.headers.get("X-Response-Time")).toMatch(/^\d+(\.\d+)?ms$/);
  });

  it("the route wrapper and the error mapper import nothing from src/server or src/app", () => {
    const offenders = ["src/lib/route.ts", "src/lib/errors.ts"]
      .flatMap((f) =>
        [...readFileSync(f, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)]
          .map((m) => m[1])
          .filter((spec) => /^@\/(server|app)\//.test(spec) || /(^|\/)\.\.\/(server|app)\//.test(spec))
          .map((spec) => `${f} -> ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
