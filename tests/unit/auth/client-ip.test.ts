import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/auth/client-ip";

const h = (o: Record<string, string>) => new Headers(o);

describe("client IP for rate limits", () => {
  it("behind a trusted proxy takes the right-most X-Forwarded-For entry (the one the proxy appended)", () => {
    const headers = h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientIp({ headers, trustedProxy: true })).toBe("203.0.113.9");
  });

  it("without a trusted proxy ignores forwarded chains a client could have written", () => {
    expect(clientIp({ headers: h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), trustedProxy: false })).toBe("unknown");
    expect(clientIp({ headers: h({ "x-real-ip": "6.6.6.6" }), trustedProxy: false })).toBe("unknown");
  });

  it("without a trusted proxy uses the single address next start copies from the socket", () => {
    expect(clientIp({ headers: h({ "x-forwarded-for": "::ffff:127.0.0.1" }), trustedProxy: false })).toBe("127.0.0.1");
    expect(clientIp({ headers: h({ "x-forwarded-for": "::1" }), trustedProxy: false })).toBe("::1");
  });

  it("refuses values that are not IP addresses", () => {
    expect(clientIp({ headers: h({ "x-forwarded-for": "'; DROP TABLE users;--" }), trustedProxy: true })).toBe("unknown");
    expect(clientIp({ headers: h({}), trustedProxy: true })).toBe("unknown");
    expect(clientIp({ headers: h({ "x-real-ip": "198.51.100.4" }), trustedProxy: true })).toBe("198.51.100.4");
  });
});
