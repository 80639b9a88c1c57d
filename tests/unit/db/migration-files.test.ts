import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/db/connect";
import { readMigrations } from "@/lib/db/migrate";

describe("migration files", () => {
  it("are read in folder-name order with the sha256 of the file as checksum", () => {
    const dir = mkdtempSync(join(tmpdir(), "stock-hub-migrations-"));
    try {
      for (const [name, sql] of [["20260102000000_b", "SELECT 2;\r\n"], ["20260101000000_a", "SELECT 1;\n"]]) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, "migration.sql"), sql);
      }
      mkdirSync(join(dir, "20260103000000_empty_folder"));
      writeFileSync(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
      const found = readMigrations({ dir });
      expect(found.map((m) => m.name)).toEqual(["20260101000000_a", "20260102000000_b"]);
      expect(found[1].checksum).toBe(createHash("sha256").update(Buffer.from("SELECT 2;\r\n")).digest("hex"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ship a Prisma migration_lock.toml for postgresql", () => {
    expect(readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toMatch(/^provider = "postgresql"$/m);
    expect(readMigrations().length).toBeGreaterThan(0);
  });
});

describe("DATABASE_URL", () => {
  it("moves Prisma's ?schema= parameter out of the URL node-postgres sees", () => {
    expect(parseDatabaseUrl("postgresql://u:p@db:5432/app?schema=stock&sslmode=require")).toEqual({
      url: "postgresql://u:p@db:5432/app?sslmode=require",
      schema: "stock",
    });
    expect(parseDatabaseUrl("postgresql://postgres@127.0.0.1:5432/test")).toEqual({
      url: "postgresql://postgres@127.0.0.1:5432/test",
      schema: undefined,
    });
  });
});
