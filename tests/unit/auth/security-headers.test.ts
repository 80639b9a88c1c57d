import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/server/auth/security-headers.mjs";

const asMap = (dev: boolean) => Object.fromEntries(securityHeaders({ dev }).map((h) => [h.key, h.value]));

describe("security headers", () => {
  it("production: strict CSP without eval, framing refused, HSTS on", () => {
    const h = asMap(false);
    const csp = h["Content-Security-Policy"];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
  });

  it("development: eval and websockets for the dev server, no HSTS on localhost", () => {
    const h = asMap(true);
    expect(h["Content-Security-Policy"]).toContain("'unsafe-eval'");
    expect(h["Content-Security-Policy"]).toContain("connect-src 'self' ws: wss:");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });
});
