import { decodeJwt, jwtVerify, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { issueAccessToken, revokeAccessToken, verifyAccessToken } from "@/server/auth/tokens";

// jose's verification, counted: a token the server has checked once is not checked again on every request.
vi.mock("jose", async (importOriginal) => {
  const jose = await importOriginal<typeof import("jose")>();
  return { ...jose, jwtVerify: vi.fn(jose.jwtVerify) };
});

afterEach(() => {
  vi.useRealTimers();
  delete process.env.JWT_SECRET;
  delete process.env.ACCESS_TOKEN_EXPIRE_MINUTES;
  resetServicesForTests();
});

describe("access tokens", () => {
  it("round-trips the user id and role and expires after ACCESS_TOKEN_EXPIRE_MINUTES", async () => {
    process.env.ACCESS_TOKEN_EXPIRE_MINUTES = "30";
    resetServicesForTests();
    const before = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = await issueAccessToken({ userId: "user_1", role: "admin" });
    const claims = await verifyAccessToken({ token });
    expect(claims?.userId).toBe("user_1");
    expect(claims?.role).toBe("admin");
    const payload = decodeJwt(token);
    expect(payload.exp! - payload.iat!).toBe(30 * 60);
    expect(payload.iat!).toBeGreaterThanOrEqual(before);
    expect(expiresAt.getTime()).toBe(payload.exp! * 1000);
  });

  it("refuses an expired token", async () => {
    const { token } = await issueAccessToken({ userId: "u", role: "user", now: new Date(Date.now() - 2 * 3600_000), expiresInMinutes: 60 });
    expect(await verifyAccessToken({ token })).toBeNull();
  });

  it("refuses a token whose payload or signature was altered", async () => {
    const { token } = await issueAccessToken({ userId: "u", role: "user" });
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, role: "admin" })).toString("base64url");
    expect(await verifyAccessToken({ token: `${h}.${forged}.${s}` })).toBeNull();
    const flipped = s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1);
    expect(await verifyAccessToken({ token: `${h}.${p}.${flipped}` })).toBeNull();
    expect(await verifyAccessToken({ token: "not-a-jwt" })).toBeNull();
  });

  it("refuses tokens signed with another secret or with alg none", async () => {
    const other = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u")
      .setIssuer("stock-hub")
      .setAudience("stock-hub-api")
      .setJti("x")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-secret-another-secret-123"));
    expect(await verifyAccessToken({ token: other })).toBeNull();
    const { token } = await issueAccessToken({ userId: "u", role: "user" });
    const [, p] = token.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    expect(await verifyAccessToken({ token: none })).toBeNull();
  });

  it("a token issued under one JWT_SECRET is refused after the secret changes", async () => {
    const { token } = await issueAccessToken({ userId: "u", role: "user" });
    process.env.JWT_SECRET = "rotated-secret-rotated-secret-rotated";
    resetServicesForTests();
    expect(await verifyAccessToken({ token })).toBeNull();
  });

  it("a revoked token is refused while an unrevoked one still works", async () => {
    const a = await issueAccessToken({ userId: "u", role: "user" });
    const b = await issueAccessToken({ userId: "u", role: "user" });
    const claims = await verifyAccessToken({ token: a.token });
    await revokeAccessToken({ jti: claims!.jti, expiresAt: claims!.expiresAt });
    expect(await verifyAccessToken({ token: a.token })).toBeNull();
    expect((await verifyAccessToken({ token: b.token }))?.userId).toBe("u");
  });

  it("checks a token's signature once, then remembers it: 20 verifications of one token are one jose call", async () => {
    const { token } = await issueAccessToken({ userId: "u", role: "user" });
    vi.mocked(jwtVerify).mockClear();
    for (let i = 0; i < 10; i++) expect((await verifyAccessToken({ token }))?.userId).toBe("u");
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => verifyAccessToken({ token })));
    expect(concurrent.every((c) => c?.userId === "u")).toBe(true);
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(1);
    // A different token (another jti) is checked on its own.
    const other = await issueAccessToken({ userId: "v", role: "user" });
    expect((await verifyAccessToken({ token: other.token }))?.userId).toBe("v");
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(2);
  });

  it("a remembered token is still refused once it expires, and once it is revoked", async () => {
    const { token, expiresAt } = await issueAccessToken({ userId: "u", role: "user", expiresInMinutes: 1 });
    expect((await verifyAccessToken({ token }))?.userId).toBe("u");
    vi.useFakeTimers({ toFake: ["Date"], now: expiresAt.getTime() - 1000 });
    expect((await verifyAccessToken({ token }))?.userId).toBe("u");
    vi.setSystemTime(expiresAt.getTime());
    expect(await verifyAccessToken({ token })).toBeNull();
    vi.useRealTimers();

    const live = await issueAccessToken({ userId: "u", role: "user" });
    const claims = await verifyAccessToken({ token: live.token });
    expect(claims?.userId).toBe("u");
    await revokeAccessToken({ jti: claims!.jti, expiresAt: claims!.expiresAt });
    expect(await verifyAccessToken({ token: live.token })).toBeNull();
  });

  it("only tokens that passed are remembered: an altered copy of a remembered token is still refused", async () => {
    const { token } = await issueAccessToken({ userId: "u", role: "user" });
    expect(await verifyAccessToken({ token })).not.toBeNull();
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), role: "admin" })).toString("base64url");
    vi.mocked(jwtVerify).mockClear();
    expect(await verifyAccessToken({ token: `${h}.${forged}.${s}` })).toBeNull();
    expect(await verifyAccessToken({ token: `${h}.${forged}.${s}` })).toBeNull();
    expect(vi.mocked(jwtVerify)).toHaveBeenCalledTimes(2);
  });
});
