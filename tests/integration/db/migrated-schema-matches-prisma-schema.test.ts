import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { diffSchemas, introspect } from "../../support/db-introspect";
import { expectedTables } from "../../support/prisma-schema";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

const schemaSource = readFileSync("prisma/schema.prisma", "utf8");

describe("migration SQL against schema.prisma", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("creates exactly the tables, columns, types, defaults, keys, indexes and foreign keys schema.prisma describes", async () => {
    const expected = expectedTables(schemaSource);
    const actual = await db.withExecutor(introspect);
    expect(expected.map((t) => t.name).sort()).toEqual(
      ["account_tokens", "alert_triggers", "alerts", "api_keys", "backtest_stores", "cron_ticks", "direction_calibrations", "earnings_checks", "earnings_dates", "forecast_ledger", "forecast_ledger_head", "forecast_ledger_scores", "jobs", "mail_messages", "market_bars", "model_metrics", "model_rollbacks", "model_versions", "notification_settings", "notifications", "portfolio_transactions", "portfolios", "predictions", "refresh_tokens", "symbol_interests", "token_revocations", "user_session_epochs", "users", "volatility_stores", "watchlists", "webhook_attempts", "webhook_deliveries", "webhooks"],
    );
    expect(diffSchemas(expected, actual)).toEqual([]);
    const jobs = actual.find((t) => t.name === "jobs")!;
    expect(jobs.columns.find((c) => c.name === "progress")).toEqual({
      name: "progress",
      type: "double precision",
      nullable: false,
      default: { literal: "0" },
    });
  });

  it("reports drift when the SQL and the schema disagree", async () => {
    const [init, ...later] = readMigrations();
    const drifted = init.sql
      .replace(/\s*"revoked_at" TIMESTAMP\(3\),\n/, "\n")
      .replace(`"usage_count" INTEGER NOT NULL DEFAULT 0`, `"usage_count" BIGINT DEFAULT 0`)
      .replace(/CREATE UNIQUE INDEX "users_username_key"[^;]*;/, "");
    const other = await openTestDatabase({ migrations: [{ ...init, sql: drifted }, ...later] });
    try {
      const diff = diffSchemas(expectedTables(schemaSource), await other.withExecutor(introspect));
      expect(diff).toHaveLength(3);
      expect(diff.join("\n")).toMatch(/api_keys: missing column revoked_at/);
      expect(diff.join("\n")).toMatch(/api_keys: column usage_count is .*"bigint".*"nullable":true/);
      expect(diff.join("\n")).toMatch(/users: missing index users_username_key/);
    } finally {
      await other.close();
    }
  });
});
