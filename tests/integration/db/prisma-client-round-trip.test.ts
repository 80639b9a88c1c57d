import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { openDatabase } from "@/lib/db/connect";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

describe("Prisma client through the driver adapter", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes and reads every model, with defaults, JSON, dates and cascades", async () => {
    const { prisma } = db;
    const user = await prisma.user.create({
      data: { email: "ada@example.com", username: "ada", passwordHash: "h" },
    });
    expect(user.role).toBe("user");
    expect(user.id).toMatch(/^c[a-z0-9]{20,}$/);
    const key = await prisma.apiKey.create({
      data: { userId: user.id, name: "ci", prefix: "sk_live_abcd", keyHash: "a".repeat(64) },
    });
    expect(key).toMatchObject({ tier: "default", usageCount: 0, revokedAt: null });
    await prisma.apiKey.update({ where: { id: key.id }, data: { usageCount: { increment: 3 } } });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { keyHash: "a".repeat(64) } })).usageCount).toBe(3);

    const duplicate = await prisma.user
      .create({ data: { email: "ada@example.com", username: "ada2", passwordHash: "h" } })
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");

    const version = await prisma.modelVersion.create({
      data: {
        model: "arima",
        version: "v1",
        symbol: "AAPL",
        artifactKey: "models/arima/v1/AAPL.json",
        trainedAt: new Date("2024-03-09T00:00:00Z"),
        trainingFrom: new Date("2014-03-10T00:00:00Z"),
        trainingTo: new Date("2024-03-08T00:00:00Z"),
        hyperparameters: { p: 2, d: 1, q: 1 },
        metrics: {
          create: {
            horizon: 1, mae: 1.5, rmse: 2.1, mape: 0.9, maeRatio: 0.98, directionAccuracy: 0.52, directionPValue: 0.3,
            coverage80: 0.81, coverage95: 0.94, coverage99: 0.99, nOrigins: 250,
          },
        },
      },
      include: { metrics: true },
    });
    expect(version.hyperparameters).toEqual({ p: 2, d: 1, q: 1 });
    expect(version.metrics[0].dmStat).toBeNull();
    expect(version.metrics[0].winkler95).toBeNull();

    const prediction = await prisma.prediction.create({
      data: {
        symbol: "AAPL", model: "arima", modelVersionId: version.id, horizon: 1, userId: user.id,
        originDate: new Date("2024-03-08T00:00:00Z"), targetDate: new Date("2024-03-11T00:00:00Z"), predictedPrice: 171.25,
      },
    });
    expect(prediction.targetDate.toISOString()).toBe("2024-03-11T00:00:00.000Z");

    const job = await prisma.job.create({ data: { name: "market/cache.warm", input: { symbols: ["AAPL"] } } });
    expect(job).toMatchObject({ status: "queued", progress: 0, attempts: 0, result: null });
    expect(job.updatedAt).toBeInstanceOf(Date);

    await prisma.modelVersion.delete({ where: { id: version.id } });
    expect(await prisma.modelMetric.count()).toBe(0); // metrics cascade with their version
    expect((await prisma.prediction.findUniqueOrThrow({ where: { id: prediction.id } })).modelVersionId).toBeNull();
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.apiKey.count()).toBe(0);
    expect((await prisma.prediction.findUniqueOrThrow({ where: { id: prediction.id } })).userId).toBeNull();
  });

  it("reports health with a measured latency", async () => {
    const health = await db.health();
    expect(health.status).toBe("up");
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("embedded PGlite in a data folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "stock-hub-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps rows across restarts", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    expect((await first.migrate()).applied.length).toBeGreaterThan(0);
    const job = await first.prisma.job.create({ data: { name: "test/persist.check", input: { n: 1 } } });
    await first.close();

    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect((await second.migrate()).applied).toEqual([]);
      expect(await second.prisma.job.findUnique({ where: { id: job.id } })).toMatchObject({ input: { n: 1 } });
    } finally {
      await second.close();
    }
  });
});
