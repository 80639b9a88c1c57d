// Every status an operation answers is in the document. openapi-contract.test.ts checks the answers of
// well-formed samples; this sends every operation the requests a client gets wrong (a NUL in a query or path
// parameter, a bad or missing credential, a body that is not JSON, a body over the limit) and fails on any
// status the document does not list for that operation, on a body that is not the documented error body,
// and on any 500.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { routeModules } from "@/app/api/openapi.json/route-modules";
import type { RouteSpec } from "@/lib/route";
import { METHODS } from "@/server/openapi/document";
import { operations } from "@/server/openapi/operations";
import { randomIp, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";
import { loadDocument, resolveRefs, type OpenApiDoc } from "../../support/openapi-doc";

const ADMIN_KEY = "admin-key-for-status-tests-0123456789";
const NUL = "\u0000";

type Probe = { name: string; query?: string; nulParam?: boolean; credentials: "valid" | "bad" | "none"; rawBody?: string };
type Handler = ((req: NextRequest, ctx: unknown) => Promise<Response>) & { route?: RouteSpec };

/** The requests that get each operation wrong, by what the operation takes. */
function probesFor(path: string, spec: RouteSpec | undefined): Probe[] {
  const probes: Probe[] = [
    { name: "a NUL in a query parameter", query: "?probe=%00", credentials: "valid" },
    { name: "a bearer token that is not one", credentials: "bad" },
  ];
  if (path.includes("{")) probes.push({ name: "a NUL in a path parameter", nulParam: true, credentials: "valid" });
  if (spec?.auth === "user" || spec?.auth === "admin") probes.push({ name: "no credentials", credentials: "none" });
  if (spec?.body) {
    probes.push({ name: "a body that is not JSON", rawBody: "{not json", credentials: "valid" });
    probes.push({ name: "a body over the limit", rawBody: JSON.stringify({ x: "a".repeat(1_100_000) }), credentials: "valid" });
  }
  return probes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let env: AuthTestEnv;
let doc: OpenApiDoc;
let bearer: string;
beforeAll(async () => {
  // Limits high enough that no probe is answered 429 instead of what it probes.
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", ADMIN_API_KEY: ADMIN_KEY, RATE_LIMIT_DEFAULT_PER_MIN: "100000", RATE_LIMIT_AUTH_PER_MIN: "100000" } });
  doc = await loadDocument();
  bearer = (await registerUser("statuses")).auth.authorization;
});
afterAll(async () => env?.teardown());

describe("the document lists every status an operation answers", () => {
  it("holds for bad input, bad or missing credentials and oversized bodies on every operation", async () => {
    const errorSchema = z.fromJSONSchema(resolveRefs(doc, doc.components.schemas.Error) as never);
    const failures: string[] = [];
    const answered = new Map<string, Set<number>>();
    for (const { path, module } of routeModules) {
      for (const method of METHODS) {
        const handler = module[method] as Handler | undefined;
        const key = `${method} ${path}`;
        if (typeof handler !== "function" || !operations[key] || operations[key].external) continue;
        const op = doc.paths[path][method.toLowerCase()];
        for (const probe of probesFor(path, handler.route)) {
          const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p, probe.nulParam ? `A${NUL}` : p === "symbol" ? "AAPL" : `c${"x".repeat(24)}`]));
          const url = `http://localhost:3000${path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(params[p]))}${probe.query ?? ""}`;
          const headers: Record<string, string> = { "x-forwarded-for": randomIp() };
          if (probe.credentials === "bad") headers.authorization = "Bearer not-a-token";
          if (probe.credentials === "valid" && handler.route?.auth === "admin") headers["x-api-key"] = ADMIN_KEY;
          if (probe.credentials === "valid" && handler.route?.auth === "user") headers.authorization = bearer;
          if (probe.rawBody !== undefined) headers["content-type"] = "application/json";
          const abort = new AbortController();
          const res = await handler(new NextRequest(url, { method, headers, body: probe.rawBody, signal: abort.signal }), { params: Promise.resolve(params) });
          const type = (res.headers.get("content-type") ?? "").split(";")[0];
          const text = type === "text/event-stream" ? (abort.abort(), await res.body?.cancel(), "") : await res.text();
          answered.set(key, (answered.get(key) ?? new Set()).add(res.status));
          const where = `${key} with ${probe.name}`;
          if (!op.responses[String(res.status)]) failures.push(`${where} answered ${res.status}, which the document does not list: ${text.slice(0, 160)}`);
          else if (res.status >= 500) failures.push(`${where} answered ${res.status}: ${text.slice(0, 160)}`);
          else if (res.status >= 400 && !errorSchema.safeParse(parseJson(text)).success) failures.push(`${where}: ${res.status} without the error body: ${text.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The probes reached the wrapper's refusals on every operation it wraps (not, say, a 404 for everything).
    expect(answered.get("GET /api/ping")).toEqual(new Set([400, 401]));
    expect(answered.get("POST /api/webhooks")).toEqual(new Set([400, 401, 413]));
    expect(answered.get("GET /api/stock/{symbol}")).toEqual(new Set([400, 401]));
    expect(answered.size).toBe(Object.values(operations).filter((o) => !o.external).length - 1); // GET /api/openapi.json is not in routeModules
  }, 300_000);
});
