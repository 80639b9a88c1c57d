import { describe, expect, it } from "vitest";
import { payloads } from "@/server/jobs/catalog";
import { isSymbol, symbolSchema } from "@/lib/symbol";
import { artifactSchema } from "@/server/forecast/artifacts";
import { readSeriesCsv } from "@/server/forecast/data";

// The search box (isSymbol), the API (symbolSchema), the job payloads and the stored artifacts share one rule.
const accepted = ["AAPL", "BRK.B", "RDS-A", "A", "ABCDEFGHIJ"];
const rejected = ["", "ABCDEFGHIJK", "^GSPC", "AA PL", "AAPL$", "ÄPPLE", "../etc"];

describe("the one symbol rule", () => {
  it("accepts and rejects the same symbols in the browser check, the API schema and the job payload", () => {
    const forecast = payloads["predictions/forecast.requested"];
    for (const s of accepted) {
      expect(isSymbol(s)).toBe(true);
      expect(symbolSchema.parse(s)).toBe(s);
      expect(forecast.safeParse({ symbol: s }).success).toBe(true);
    }
    for (const s of rejected) {
      expect(isSymbol(s)).toBe(false);
      expect(symbolSchema.safeParse(s).success).toBe(false);
      expect(forecast.safeParse({ symbol: s }).success).toBe(false);
    }
  });

  it("normalizes what a person types (trim, upper case) and says what a symbol is when it refuses one", () => {
    expect(symbolSchema.parse("  brk.b ")).toBe("BRK.B");
    const r = symbolSchema.safeParse("^gspc");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("Symbol must be 1-10 characters of A-Z, 0-9, '.' or '-'");
    // Job payloads and artifacts are written by the app itself: they must already be canonical.
    expect(payloads["models/training.requested"].safeParse({ symbols: ["aapl"] }).success).toBe(false);
  });

  it("refuses an artifact whose symbol breaks the rule", () => {
    const probe = (symbol: string) =>
      artifactSchema.safeParse({ symbol }).error?.issues.some((i) => i.path.length === 1 && i.path[0] === "symbol") ?? false;
    expect(probe("AAPL")).toBe(false);
    expect(probe("^GSPC")).toBe(true);
    expect(probe("ABCDEFGHIJK")).toBe(true);
  });

  it("the shipped data reader refuses a symbol outside the rule before touching the file system", () => {
    expect(() => readSeriesCsv({ symbol: "../AAPL" })).toThrow(/Unknown symbol/);
    expect(readSeriesCsv({ symbol: "aapl" }).symbol).toBe("AAPL");
  });
});
