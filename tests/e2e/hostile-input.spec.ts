// Hostile requests against the production server, for every route under src/app/api (found by walking the
// file system, so new routes are covered as they land) and every method: each answer is a 4xx with the
// standard JSON error body, never a 500, a plain-text error or an empty 405.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { HTTP_METHODS, scanApiRoutes } from "../../src/lib/api-routes/scan.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const routes = scanApiRoutes("src/app");

/** A concrete path for a route pattern: dynamic segments get a plausible value. */
const concrete = (pattern: string, value = "AAPL") =>
  pattern.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, `x/${value === "AAPL" ? "y" : value}`).replace(/\[[^\]]+\]/g, value);

/** A raw HTTP exchange: no client-side URL normalisation, any method, any bytes in the path. */
function raw(method: string, path: string, body?: string, contentType = "application/json"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: PORT, method, path, headers: body ? { "content-type": contentType } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function expectJsonError(r: { status: number; headers: Record<string, string | string[] | undefined>; text: string }, status: number, code?: string) {
  expect(r.status, r.text).toBe(status);
  expect(String(r.headers["content-type"])).toContain("application/json");
  const body = JSON.parse(r.text);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  if (code) expect(body.error.code).toBe(code);
  expect(r.text).not.toMatch(/localhost:3000|\/work\/|node_modules|at [A-Za-z]+ \(/);
  expect(String(r.headers["x-response-time"]), "X-Response-Time").toMatch(/^\d+(\.\d+)?ms$/);
}

test("the route list is real: every route file exports at least one method", () => {
  expect(routes.length).toBeGreaterThan(20);
  for (const r of routes) expect(r.exported.length, r.file).toBeGreaterThan(0);
});

test("wrong methods: 405 with the JSON body and an Allow header naming the route's methods", async () => {
  for (const r of routes.filter((x) => x.pattern !== "/api/[...path]")) {
    for (const method of HTTP_METHODS.filter((m) => !r.allowed.includes(m))) {
      const res = await raw(method, concrete(r.pattern));
      expect(res.headers.allow, `${method} ${r.pattern}`).toBe(r.allowed.join(", "));
      if (method === "HEAD") expect(res.status).toBe(405);
      else expectJsonError(res, 405, "method_not_allowed");
    }
  }
});

test("TRACE and other methods Next does not dispatch: 405 JSON on every route", async () => {
  for (const r of routes) {
    for (const method of ["TRACE", "PROPFIND"]) {
      const res = await raw(method, concrete(r.pattern));
      expectJsonError(res, 405, "method_not_allowed");
      if (r.pattern !== "/api/[...path]") expect(res.headers.allow).toBe(r.allowed.join(", "));
    }
  }
});

test("bad percent-encoding anywhere in an API path: 400 JSON, for every route and method it allows", async () => {
  for (const r of routes) {
    const paths = /\[/.test(r.pattern) ? [concrete(r.pattern, "%FF"), concrete(r.pattern, "%C0%AF")] : [`${r.pattern}%FF`, `${r.pattern}/%E0%A4`];
    for (const path of paths) {
      for (const method of r.allowed.filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
        expectJsonError(await raw(method, path), 400, "bad_request");
      }
    }
  }
  expectJsonError(await raw("GET", "/api/x%FF"), 400, "bad_request");
});

test("paths no route matches: /api itself, mis-cased /API paths and next-auth's unknown actions answer 404 JSON", async () => {
  for (const path of ["/api", "/API/ping", "/Api/stock/AAPL", "/api/auth/not-an-action", "/api/no/such/thing"]) {
    expectJsonError(await raw("GET", path), 404, "not_found");
  }
});

test("a URL over 16 KB: 431 with the JSON body", async () => {
  expectJsonError(await raw("GET", `/api/stock/${"A".repeat(17_000)}`), 431, "headers_too_large");
});

test("NUL, overlong, unicode and wrong-typed input reaching routes: 4xx JSON", async () => {
  expectJsonError(await raw("POST", "/api/auth/login", JSON.stringify({ login: "carol\u0000", password: "x" })), 400, "bad_request");
  expectJsonError(await raw("POST", "/api/auth/register", JSON.stringify({ email: "a\u0000@b.co", username: "x\u0000y", password: "p".repeat(20) })), 400, "bad_request");
  expectJsonError(await raw("GET", "/api/tickers/search?q=%00"), 400, "bad_request");
  expectJsonError(await raw("GET", `/api/stock/${encodeURIComponent("ÄÖÜ😀")}`), 400, "bad_request");
  expectJsonError(await raw("GET", `/api/stock/${"A".repeat(4000)}`), 400, "bad_request");
  expectJsonError(await raw("POST", "/api/auth/login", JSON.stringify({ login: 42, password: ["x"] })), 400, "bad_request");
  expectJsonError(await raw("POST", "/api/auth/login", "{not json"), 400, "bad_request");
});

test("CORS preflight on every route carries X-Response-Time", async () => {
  for (const r of routes.filter((x) => x.allowed.includes("OPTIONS"))) {
    const res = await raw("OPTIONS", concrete(r.pattern));
    expect(res.status, r.pattern).toBeLessThan(500);
    expect(String(res.headers["x-response-time"]), r.pattern).toMatch(/^\d+(\.\d+)?ms$/);
  }
});

test("next-auth's own endpoints: wrong methods, its log relay and CSRF failures answer JSON, and nothing names localhost:3000", async () => {
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signout"]) {
    const res = await raw("GET", path);
    expectJsonError(res, 405, "method_not_allowed");
    expect(res.headers.allow).toBe("POST");
  }
  expectJsonError(await raw("POST", "/api/auth/_log", JSON.stringify({ level: "error", code: "INJECTED", message: "x" })), 404, "not_found");
  const form = "application/x-www-form-urlencoded";
  expectJsonError(await raw("POST", "/api/auth/callback/credentials", "login=ada&password=x", form), 403, "forbidden");
  expectJsonError(await raw("POST", "/api/auth/signout", "", form), 403, "forbidden");
  const providers = await raw("GET", "/api/auth/providers");
  expect(providers.status).toBe(200);
  expect(providers.text).not.toContain("localhost:3000");
  expect(JSON.parse(providers.text).credentials.callbackUrl).toBe(`http://127.0.0.1:${PORT}/api/auth/callback/credentials`);
  const signin = await raw("GET", "/api/auth/signin");
  expect(signin.status).toBe(302);
  expect(String(signin.headers.location)).not.toMatch(/localhost(:|%3A)3000/);
});

test("a page address with bad percent-encoding: a 400 page in words, not a 500", async () => {
  for (const path of ["/stock/%FF", "/stock/%C0%AF"]) {
    const res = await raw("GET", path);
    expect(res.status, path).toBe(400);
    expect(String(res.headers["content-type"])).toContain("text/html");
    expect(res.text).toContain("This address is not valid");
  }
});
