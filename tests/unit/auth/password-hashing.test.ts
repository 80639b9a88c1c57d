import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS, isCommonPassword } from "@/server/auth/common-passwords";
import { BCRYPT_COST, hashPassword, passwordSchema, verifyPassword } from "@/server/auth/password";

describe("password hashing", () => {
  it("stores a bcrypt hash at cost 12 that verifies only the original password", async () => {
    const hash = await hashPassword({ password: "correct horse battery" });
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(bcrypt.getRounds(hash)).toBe(BCRYPT_COST);
    expect(BCRYPT_COST).toBeGreaterThanOrEqual(12);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword({ password: "correct horse battery", hash })).toBe(true);
    expect(await verifyPassword({ password: "correct horse batterY", hash })).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    const [a, b] = await Promise.all([hashPassword({ password: "same-password-1" }), hashPassword({ password: "same-password-1" })]);
    expect(a).not.toBe(b);
  });
});

describe("password policy", () => {
  const problems = (p: string) => passwordSchema.safeParse(p).error?.issues.map((i) => i.message) ?? [];

  it("requires at least 10 characters", () => {
    expect(problems("Ab3$fgh1k")).toEqual(["Password must be at least 10 characters"]);
    expect(problems("Ab3$fgh1kl")).toEqual([]);
  });

  it("refuses the common-password list case-insensitively", () => {
    expect(problems("Password123")).toEqual(["Password is too common; choose another"]);
    expect(problems("QWERTYUIOP")).toEqual(["Password is too common; choose another"]);
    expect(isCommonPassword("1234567890")).toBe(true);
    expect(isCommonPassword("violet-kettle-41")).toBe(false);
  });

  it("every listed password is long enough that the list, not the length rule, refuses it", () => {
    const short = [...COMMON_PASSWORDS].filter((p) => p.length < 10);
    expect(short).toEqual([]);
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(150);
  });

  it("refuses passwords beyond bcrypt's 72-byte input", () => {
    expect(problems("é".repeat(36))).toEqual([]); // 72 bytes
    expect(problems("é".repeat(37))).toEqual(["Password must be at most 72 bytes"]);
  });
});
