import "server-only";
// Where fetched daily bars are kept: the database (market_bars) in both shapes. One interface with two
// backends: Postgres/PGlite through Prisma (the app's), and an in-process map the market unit tests install
// so they never touch a data folder; both pass the same contract test (tests/integration/market/bar-store.test.ts).
import { getDb, type PrismaClient } from "@/lib/db";
import type { Bar } from "../types";
import { rescaleBar } from "./join";

export interface StoredBar extends Bar {
  /** The provider whose accepted fetch wrote the bar. */
  source: string;
  /** ISO timestamp of that fetch. */
  fetchedAt: string;
}

export interface BarWrite {
  symbol: string;
  /** Ascending; replaces every stored bar of the symbol dated inside [first, last]. */
  bars: StoredBar[];
  /** A split found at the join: stored bars dated before `before` get prices / factor, volume * factor. */
  rescale: { before: string; factor: number } | null;
}

export interface BarStore {
  /** The symbol's stored bars, oldest first. */
  read(symbol: string): Promise<StoredBar[]>;
  /** One write, all or nothing. */
  write(w: BarWrite): Promise<void>;
  /** Rows and (where the backend knows) bytes on disk, for docs/operations.md. */
  size(): Promise<{ rows: number; symbols: number; bytes: number | null }>;
  /** Records that a symbol was viewed or trained at `at` (symbol_interests). */
  noteInterest(a: { symbol: string; kind: "view" | "train"; at: Date }): Promise<void>;
  /** Symbols viewed or trained since `since`, sorted. */
  interestedSince(since: Date): Promise<string[]>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (s: string) => new Date(`${s.slice(0, 10)}T00:00:00Z`);

/** The database backend; `client` is the app's database unless a test hands its own. */
export const createPrismaBarStore = (client: () => Promise<PrismaClient> = getDb): BarStore => ({
  async read(symbol) {
    const rows = await (await client()).marketBar.findMany({ where: { symbol }, orderBy: { date: "asc" } });
    return rows.map((r) => ({
      time: day(r.date),
      open: r.open,
      high: r.high,
      low: r.low,
      close: r.close,
      ...(r.adjClose !== null ? { adjClose: r.adjClose } : {}),
      volume: r.volume,
      source: r.source,
      fetchedAt: r.fetchedAt.toISOString(),
    }));
  },
  async write({ symbol, bars, rescale }) {
    if (bars.length === 0 && !rescale) return;
    const db = await client();
    const ops = [];
    if (rescale && rescale.factor !== 1) {
      const f = rescale.factor;
      ops.push(
        db.marketBar.updateMany({
          where: { symbol, date: { lt: asDate(rescale.before) } },
          data: { open: { divide: f }, high: { divide: f }, low: { divide: f }, close: { divide: f }, adjClose: { divide: f }, volume: { multiply: f } },
        }),
      );
    }
    if (bars.length) {
      ops.push(db.marketBar.deleteMany({ where: { symbol, date: { gte: asDate(bars[0]!.time), lte: asDate(bars[bars.length - 1]!.time) } } }));
      // One statement with one JSON parameter: Prisma's createMany binds ten parameters per row, and 2,520
      // rows (ten years) took ~3 s under load against ~0.4 s this way; the embedded database writes on the
      // thread serving HTTP.
      const rows = JSON.stringify(bars.map((b) => [b.time.slice(0, 10), b.open, b.high, b.low, b.close, b.adjClose ?? null, b.volume, b.source, b.fetchedAt]));
      ops.push(db.$executeRaw`
        INSERT INTO market_bars (symbol, date, open, high, low, close, adj_close, volume, source, fetched_at)
        SELECT ${symbol}, (r->>0)::date, (r->>1)::float8, (r->>2)::float8, (r->>3)::float8, (r->>4)::float8,
               (r->>5)::float8, (r->>6)::float8, r->>7, (r->>8)::timestamptz AT TIME ZONE 'UTC'
        FROM jsonb_array_elements(${rows}::jsonb) AS r`);
    }
    await db.$transaction(ops);
  },
  async size() {
    const db = await client();
    const [rows, symbols] = await Promise.all([db.marketBar.count(), db.marketBar.groupBy({ by: ["symbol"] }).then((g) => g.length)]);
    let bytes: number | null = null;
    try {
      const r = await db.$queryRaw<{ bytes: bigint }[]>`SELECT pg_total_relation_size('market_bars') AS bytes`;
      bytes = Number(r[0]?.bytes ?? 0);
    } catch {
      // Not every Postgres (or PGlite build) grants the size functions: rows alone then.
    }
    return { rows, symbols, bytes };
  },
  async noteInterest({ symbol, kind, at }) {
    const field = kind === "view" ? "lastViewedAt" : "lastTrainedAt";
    await (await client()).symbolInterest.upsert({ where: { symbol }, create: { symbol, [field]: at }, update: { [field]: at } });
  },
  async interestedSince(since) {
    const rows = await (await client()).symbolInterest.findMany({
      where: { OR: [{ lastViewedAt: { gte: since } }, { lastTrainedAt: { gte: since } }] },
      select: { symbol: true },
      orderBy: { symbol: "asc" },
    });
    return rows.map((r) => r.symbol);
  },
});

const prismaBarStore = createPrismaBarStore();

/** The in-process backend: the same semantics on a Map (the market unit tests' store). */
export function memoryBarStore(): BarStore {
  const held = new Map<string, StoredBar[]>();
  const interest = new Map<string, Date[]>();
  return {
    async read(symbol) {
      return (held.get(symbol) ?? []).map((b) => ({ ...b }));
    },
    async write({ symbol, bars, rescale }) {
      let rows = held.get(symbol) ?? [];
      if (rescale && rescale.factor !== 1) rows = rows.map((b) => (b.time < rescale.before ? { ...rescaleBar(b, rescale.factor), volume: b.volume * rescale.factor } : b));
      if (bars.length) {
        const [from, to] = [bars[0]!.time, bars[bars.length - 1]!.time];
        rows = [...rows.filter((b) => b.time < from || b.time > to), ...bars.map((b) => ({ ...b }))].sort((a, b) => (a.time < b.time ? -1 : 1));
      }
      held.set(symbol, rows);
    },
    async size() {
      let rows = 0;
      for (const r of held.values()) rows += r.length;
      return { rows, symbols: held.size, bytes: null };
    },
    async noteInterest({ symbol, kind, at }) {
      const [viewed, trained] = interest.get(symbol) ?? [];
      interest.set(symbol, kind === "view" ? [at, trained!] : [viewed!, at]);
    },
    async interestedSince(since) {
      return [...interest].filter(([, dates]) => dates.some((d) => d && d >= since)).map(([s]) => s).sort();
    },
  };
}

let current: BarStore | null = null;

/** The bar store in use: the database unless a test installed another backend. */
export function barStore(): BarStore {
  return current ?? prismaBarStore;
}

/** Installs `store` (null: back to the database). Tests only. */
export function useBarStore(store: BarStore | null): void {
  current = store;
}
