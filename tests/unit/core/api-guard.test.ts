// What the request proxy refuses under /api, checked against the real route list scanned from src/app/api.
import { describe, expect, it } from "vitest";
import { createApiGuard, isApiPath } from "@/lib/api-routes/guard";
import { exportedMethods, scanApiRoutes } from "@/lib/api-routes/scan.mjs";

const guard = createApiGuard(scanApiRoutes("src/app"));

describe("API guard", () => {
  it("refuses bad percent-encoding with 400 wherever it is in the path", () => {
    for (const pathname of ["/api/stock/%FF", "/api/jobs/%C0%AF", "/api/keys/%FF", "/api/x%FF"]) {
      expect(guard({ method: "GET", pathname })).toMatchObject({ status: 400, code: "bad_request" });
    }
    expect(guard({ method: "GET", pathname: "/api/stock/%41APL" })).toBeNull();
  });

  it("answers methods a route does not export with 405 and its Allow list, TRACE included", () => {
    expect(guard({ method: "PUT", pathname: "/api/ping" })).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS", route: "/api/ping" });
    expect(guard({ method: "GET", pathname: "/api/auth/login" })).toMatchObject({ status: 405, allow: "OPTIONS, POST" });
    expect(guard({ method: "DELETE", pathname: "/api/stock/AAPL" })).toMatchObject({ status: 405, route: "/api/stock/[symbol]" });
    expect(guard({ method: "TRACE", pathname: "/api/ping" })).toMatchObject({ status: 405, code: "method_not_allowed" });
    expect(guard({ method: "DELETE", pathname: "/api/keys/abc" })).toBeNull();
    expect(guard({ method: "HEAD", pathname: "/api/stock/AAPL" })).toBeNull();
  });

  it("prefers static routes to dynamic ones and leaves unknown paths to the JSON catch-all", () => {
    expect(guard({ method: "POST", pathname: "/api/auth/login" })).toBeNull();
    expect(guard({ method: "GET", pathname: "/api/no/such/route" })).toBeNull();
    expect(guard({ method: "TRACE", pathname: "/api/no/such/route" })).toMatchObject({ status: 405 });
  });

  it("answers /api itself and mis-cased paths with 404", () => {
    expect(guard({ method: "GET", pathname: "/api" })).toMatchObject({ status: 404 });
    expect(guard({ method: "GET", pathname: "/API/ping" })).toMatchObject({ status: 404, code: "not_found" });
  });

  it("treats a percent-encoded slash after /api as an API path that no route matches: 404", () => {
    for (const pathname of ["/api%2Fping", "/api%2fstock%2FAAPL", "/API%2Fping", "/api%5Cping"]) {
      expect(isApiPath(pathname), pathname).toBe(true);
      expect(guard({ method: "GET", pathname }), pathname).toMatchObject({ status: 404, code: "not_found" });
    }
    expect(isApiPath("/apiary")).toBe(false);
    expect(isApiPath("/api")).toBe(true);
  });

  it("reads exported methods in each form route files use", () => {
    expect(exportedMethods("export const GET = route(...);\nexport const OPTIONS = preflight;")).toEqual(["GET", "OPTIONS"]);
    expect(exportedMethods("export { handler as GET, handler as POST };")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const { GET, POST, PUT } = serve({});")).toEqual(["GET", "POST", "PUT"]);
    expect(exportedMethods("export async function DELETE(req) {}")).toEqual(["DELETE"]);
  });
});
