import { describe, expect, it } from "vitest";
import { createKeyBodySchema, loginBodySchema, registerBodySchema } from "@/server/auth/schemas";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";

describe("register body", () => {
  it("normalizes email and username to lower case and trims them", () => {
    const r = registerBodySchema.parse({ email: "  Ada@Example.COM ", username: "Ada_L", password: "violet-kettle-41" });
    expect(r).toEqual({ email: "ada@example.com", username: "ada_l", password: "violet-kettle-41" });
  });

  it("rejects unknown fields such as a self-assigned role", () => {
    const r = registerBodySchema.safeParse({ email: "a@b.co", username: "abc", password: "violet-kettle-41", role: "admin" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].code).toBe("unrecognized_keys");
  });

  it("rejects a password that contains the username", () => {
    const r = registerBodySchema.safeParse({ email: "a@b.co", username: "kettle", password: "violet-kettle-41" });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Password must not contain the username"]);
  });

  it("rejects usernames with markup or SQL characters", () => {
    for (const username of ["<script>", "a'; --", "ab", "x".repeat(33)]) {
      expect(registerBodySchema.safeParse({ email: "a@b.co", username, password: "violet-kettle-41" }).success).toBe(false);
    }
  });
});

describe("login body", () => {
  it("accepts exactly one of login, email or username", () => {
    expect(loginBodySchema.parse({ email: "A@B.co", password: "x" })).toEqual({ login: "a@b.co", password: "x" });
    expect(loginBodySchema.parse({ username: "ada", password: "x" })).toEqual({ login: "ada", password: "x" });
    expect(loginBodySchema.safeParse({ email: "a@b.co", username: "ada", password: "x" }).success).toBe(false);
    expect(loginBodySchema.safeParse({ password: "x" }).success).toBe(false);
  });
});

describe("create key body", () => {
  it("defaults the tier and refuses unknown tiers", () => {
    expect(createKeyBodySchema.parse({ name: " ci job " })).toEqual({ name: "ci job", tier: "default" });
    expect(createKeyBodySchema.safeParse({ name: "x", tier: "root" }).success).toBe(false);
    expect(createKeyBodySchema.safeParse({ name: "<img src=x onerror=alert(1)>" }).success).toBe(false);
  });
});

describe("callback URL after sign-in", () => {
  it("keeps same-site paths and replaces anything that leaves the site", () => {
    expect(safeCallbackUrl("/account?tab=keys")).toBe("/account?tab=keys");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", ""]) {
      expect(safeCallbackUrl(bad)).toBe("/account");
    }
  });
});
