import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDailySeries } from "@/server/market/bar-store/daily-series";
import { createPrismaBarStore, memoryBarStore, useBarStore, type BarStore, type StoredBar } from "@/server/market/bar-store/store";
import { adjustedContinuation, asTraded, polygonAggs, shippedCsv } from "../../support/split-series";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";
import { clearMarketKeys, useProviders, useReplayServer } from "../../unit/market/setup";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  useBarStore(null);
  await db?.close();
});

const at = "2026-12-04T22:15:00.000Z";
const row = (time: string, close: number, extra: Partial<StoredBar> = {}): StoredBar => ({ time, open: close, high: close * 1.01, low: close * 0.99, close, volume: 1000, source: "polygon", fetchedAt: at, ...extra });

// Both backends hold the same semantics: the database one on real Postgres (PGlite without DATABASE_URL).
describe.each([
  ["database", () => createPrismaBarStore(async () => db.prisma)],
  ["in-process", () => memoryBarStore()],
] as const)("bar store contract (%s)", (_name, make) => {
  let store: BarStore;
  beforeEach(async () => {
    store = make();
    await db.prisma.marketBar.deleteMany({});
  });

  it("keeps bars with their source and fetch time, oldest first, per symbol", async () => {
    await store.write({ symbol: "ACME", bars: [row("2026-12-01", 10), row("2026-12-02", 11, { adjClose: 10.9 })], rescale: null });
    await store.write({ symbol: "OTHR", bars: [row("2026-12-02", 5)], rescale: null });
    expect(await store.read("ACME")).toEqual([row("2026-12-01", 10), row("2026-12-02", 11, { adjClose: 10.9 })]);
    expect(await store.size()).toMatchObject({ rows: 3, symbols: 2 });
  });

  it("replaces the bars inside a write's date range and keeps the rest", async () => {
    await store.write({ symbol: "ACME", bars: ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"].map((d, i) => row(d, 10 + i)), rescale: null });
    const later = "2026-12-05T22:15:00.000Z";
    await store.write({ symbol: "ACME", bars: [row("2026-12-02", 12.5, { source: "yahoo", fetchedAt: later }), row("2026-12-04", 14, { source: "yahoo", fetchedAt: later })], rescale: null });
    const held = await store.read("ACME");
    expect(held.map((b) => [b.time, b.close, b.source])).toEqual([
      ["2026-11-30", 10, "polygon"],
      ["2026-12-01", 11, "polygon"],
      ["2026-12-02", 12.5, "yahoo"],
      ["2026-12-04", 14, "yahoo"],
    ]);
  });

  it("rescales the bars before a split date in the same write: prices / 10, volumes * 10", async () => {
    await store.write({ symbol: "ACME", bars: [row("2024-06-06", 1200, { adjClose: 1199 }), row("2024-06-07", 1210)], rescale: null });
    await store.write({ symbol: "ACME", bars: [row("2024-06-07", 121), row("2024-06-10", 122)], rescale: { before: "2024-06-07", factor: 10 } });
    const [first, second, third] = await store.read("ACME");
    expect(first).toMatchObject({ time: "2024-06-06", close: 120, open: 120, adjClose: 119.9, volume: 10_000 });
    expect(first!.high).toBeCloseTo(121.2, 9);
    expect(second).toMatchObject({ time: "2024-06-07", close: 121, volume: 1000 });
    expect(third).toMatchObject({ time: "2024-06-10", close: 122 });
  });
});

describe("NVDA's split across the bar store on the real database", () => {
  const server = useReplayServer();
  const adjusted = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 30, extra: 80 });
  const DAILY = /^\/polygon\/v2\/aggs\/ticker\/NVDA\/range\/1\/day\//;

  beforeEach(async () => {
    await clearMarketKeys(["NVDA"]);
    useProviders({ server, keys: ["polygon"], order: "polygon" });
    useBarStore(createPrismaBarStore(async () => db.prisma));
    await db.prisma.marketBar.deleteMany({});
  });

  it("rescales as-traded stored bars when an adjusted top-up shows the split, and joins the shipped set", async () => {
    // Held from an as-traded source until 2024-06-12, two sessions past the split (old scale before 2024-06-10).
    const held = asTraded(adjusted.filter((b) => b.time <= "2024-06-12"), { ratio: 10, splitDate: "2024-06-10" });
    await db.prisma.marketBar.createMany({
      data: held.map((b) => ({ symbol: "NVDA", date: new Date(`${b.time}T00:00:00Z`), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, source: "alphavantage", fetchedAt: new Date(at) })),
    });
    server.on({ path: DAILY, body: polygonAggs(adjusted.filter((b) => b.time >= "2024-06-01")) });
    const s = await loadDailySeries({ symbol: "NVDA", force: true });
    expect(s).toMatchObject({ source: "polygon", added: adjusted.filter((b) => b.time > "2024-06-12").length });
    const rows = await db.prisma.marketBar.findMany({ where: { symbol: "NVDA" }, orderBy: { date: "asc" } });
    expect(rows).toHaveLength(adjusted.length);
    const may1 = rows.find((r) => r.date.toISOString().startsWith("2024-05-01"))!;
    const want = adjusted.find((b) => b.time === "2024-05-01")!;
    expect(may1).toMatchObject({ source: "alphavantage", volume: want.volume });
    expect(may1.close).toBeCloseTo(want.close, 6);
    expect(rows.at(-1)).toMatchObject({ source: "polygon", close: adjusted.at(-1)!.close });
    // Shipped history in front, on the same scale: 24 years without a 90% drop.
    const nvda = shippedCsv("NVDA");
    expect(s.bars).toHaveLength(nvda.length + 80);
    expect(Math.min(...s.bars.slice(1).map((b, i) => b.close / s.bars[i]!.close - 1))).toBeGreaterThan(-0.5);
  });

  it("with no live provider, serves the shipped bars and says no live provider has them (not that the symbol is unknown)", async () => {
    useProviders({ order: "shipped" });
    const s = await loadDailySeries({ symbol: "NVDA", force: true });
    expect(s).toMatchObject({ source: "shipped", added: 0, topUp: "failed: no live provider has bars for NVDA (none configured or reachable, or none knows it)" });
    expect(s.bars.at(-1)!.time).toBe(shippedCsv("NVDA").at(-1)!.time);
    expect(await db.prisma.marketBar.count({ where: { symbol: "NVDA" } })).toBe(0);
  });

  it("writes nothing when the overlap disagrees, and serves what it held", async () => {
    const held = adjusted.slice(0, 60);
    await db.prisma.marketBar.createMany({
      data: held.map((b) => ({ symbol: "NVDA", date: new Date(`${b.time}T00:00:00Z`), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, source: "polygon", fetchedAt: new Date(at) })),
    });
    const before = await db.prisma.marketBar.findMany({ where: { symbol: "NVDA" }, orderBy: { date: "asc" } });
    server.on({ path: DAILY, body: polygonAggs(adjusted.slice(50).map((b) => ({ ...b, open: b.open * 0.9, high: b.high * 0.9, low: b.low * 0.9, close: b.close * 0.9 }))) });
    const s = await loadDailySeries({ symbol: "NVDA", force: true });
    expect(s.topUp).toMatch(/^refused: the overlap disagrees/);
    expect(s.bars.at(-1)!.time).toBe(held.at(-1)!.time);
    expect(await db.prisma.marketBar.findMany({ where: { symbol: "NVDA" }, orderBy: { date: "asc" } })).toEqual(before);
  });
});
