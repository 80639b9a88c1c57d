// The production server takes the client address from the socket: a client cannot pick its own
// anonymous rate-limit bucket by sending X-Forwarded-For (TRUSTED_PROXY is not set here).
import { expect, test } from "@playwright/test";

test("X-Forwarded-For sent by a client does not open a fresh rate-limit bucket", async ({ request }) => {
  const remaining = async (claimedIp: string) => {
    const r = await request.get("/api/ping", { headers: { "x-forwarded-for": claimedIp } });
    expect(r.status()).toBe(200);
    return Number(r.headers()["x-ratelimit-remaining"]);
  };
  const first = await remaining("198.51.100.1");
  const second = await remaining("198.51.100.2");
  const third = await remaining("203.0.113.9, 198.51.100.3");
  expect([second, third]).toEqual([first - 1, first - 2]);
});
