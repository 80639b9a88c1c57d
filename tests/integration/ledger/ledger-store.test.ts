// The ledger in the database: appends are on time and once, two app processes on one Postgres extend one
// chain, entries are scored against the shipped closes in their own table, the append-only trigger holds,
// and verify-ledger names the first broken entry (from the database and over HTTP).
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as trackRecordRoute } from "@/app/api/track-record/route";
import { closeDb, getDb, type PrismaClient } from "@/lib/db";
import { openDatabase, parseDatabaseUrl, type Database } from "@/lib/db/connect";
import { appendToLedger, type LedgerInput } from "@/server/ledger/append";
import { entryHash, type LedgerEntryView } from "@/server/ledger/chain";
import { pooledScores, trackRecord, verifyStoredLedger } from "@/server/ledger/read";
import { scoreLedger } from "@/server/ledger/score";
import { runCli } from "../../../scripts/cli/run";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
let db: PrismaClient;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
  db = await getDb();
});
afterAll(async () => env?.teardown());

const input = (o: Partial<LedgerInput> & Pick<LedgerInput, "symbol" | "originDate" | "targetDate" | "originClose">): LedgerInput => ({
  model: "naive", version: "v1-test", horizon: 1, price: o.originClose, lower80: null, upper80: null, lower95: null, upper95: null, lower99: null, upper99: null, quantiles: [], source: "shipped", ...o,
});
const at = (iso: string) => new Date(iso);
const B = input({ symbol: "AAPL", originDate: "2024-02-16", targetDate: "2024-02-19", originClose: 182.309998 });
const A_ARIMA = input({ symbol: "AAPL", model: "arima", originDate: "2024-03-07", targetDate: "2024-03-08", originClose: 169, price: 169.5, lower80: 167, upper80: 170, lower95: 165, upper95: 170.5, lower99: 162, upper99: 172, quantiles: [162, 165, 167, 169.5, 170, 170.5, 172] });
const A_NAIVE = input({ symbol: "AAPL", originDate: "2024-03-07", targetDate: "2024-03-08", originClose: 169, lower80: 167, upper80: 171, lower95: 165, upper95: 173 });
const C = input({ symbol: "MSFT", originDate: "2024-03-08", targetDate: "2024-03-11", originClose: 406.220001 });

describe("appending", () => {
  it("records forecasts before their target session, once each, and leaves out late ones", async () => {
    expect(await appendToLedger({ inputs: [B], now: at("2024-02-16T22:00:00Z") })).toMatchObject({ appended: 1, duplicates: 0, late: 0, head: { seq: 1 } });
    expect(await appendToLedger({ inputs: [A_ARIMA, A_NAIVE, B], now: at("2024-03-07T23:59:59Z") })).toMatchObject({ appended: 2, duplicates: 0, late: 1, head: { seq: 3 } });
    expect(await appendToLedger({ inputs: [A_ARIMA], now: at("2024-03-08T01:00:00Z") })).toMatchObject({ appended: 0, duplicates: 1, late: 0 });
    // Recorded at 09:29:59 New York time on the target day: still before the open.
    expect(await appendToLedger({ inputs: [C], now: at("2024-03-11T13:29:59Z") })).toMatchObject({ appended: 1, head: { seq: 4 } });
    const rows = await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => `${r.seq}:${r.symbol}:${r.model}:${r.originDate.toISOString().slice(0, 10)}`)).toEqual(["1:AAPL:naive:2024-02-16", "2:AAPL:arima:2024-03-07", "3:AAPL:naive:2024-03-07", "4:MSFT:naive:2024-03-08"]);
    expect(rows[1]).toMatchObject({ recordedAt: at("2024-03-07T23:59:59Z"), prevHash: rows[0].hash, quantiles: [162, 165, 167, 169.5, 170, 170.5, 172] });
    expect(await verifyStoredLedger()).toMatchObject({ ok: true, checked: 4, last: { seq: 4, hash: rows[3].hash } });
  });

  it("two app processes appending at once keep one chain", async () => {
    const url = process.env.DATABASE_URL;
    // A second connection pool on the same schema stands for the second process (PGlite has one session).
    let other: Database | null = null;
    if (url) {
      const { url: base, schema } = parseDatabaseUrl(url);
      other = await openDatabase({ kind: "postgres", url: base, schema });
    }
    try {
      const clients = [db, other?.prisma ?? db];
      const now = at("2024-03-01T22:00:00Z");
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => appendToLedger({ db: clients[i % 2], now, inputs: [input({ symbol: "WMT", version: `v1-c${i}`, originDate: "2024-03-01", targetDate: "2024-03-04", originClose: 60 + i })] })),
      );
      expect(results.every((r) => r.appended === 1)).toBe(true);
      expect(new Set(results.map((r) => r.head!.seq)).size).toBe(24);
      const v = await verifyStoredLedger();
      expect(v).toMatchObject({ ok: true, checked: 28, last: { seq: 28 } });
    } finally {
      await other?.close();
    }
  });
});

describe("scoring", () => {
  it("scores due entries against the shipped closes in their own table; the chained entries do not change", async () => {
    const before = await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } });
    const r = await scoreLedger({ now: at("2024-03-12T00:00:00Z") });
    // The WMT entries (target 2024-03-04) are due too; MSFT's 2024-03-11 close is not in the data set.
    expect(r).toEqual({ checked: 28, scored: 27, skipped: [] });
    const byseq = new Map((await db.ledgerScore.findMany()).map((s) => [s.seq, s]));
    expect(byseq.has(4)).toBe(false);
    // Presidents' Day: the 1-day target of Friday 2024-02-16 is the next session, Tuesday 2024-02-20.
    expect(byseq.get(1)!.actualDate.toISOString().slice(0, 10)).toBe("2024-02-20");
    expect(byseq.get(1)!.actualClose).toBeCloseTo(181.559998, 6);
    expect(byseq.get(1)!.naiveAbsError).toBeCloseTo(0.4113872, 6); // |181.559998 - 182.309998| / 182.309998
    expect(byseq.get(2)).toMatchObject({ inside80: false, inside95: false });
    expect(byseq.get(2)!.winkler95).toBeCloseTo(8.6981302, 6);
    expect(byseq.get(2)!.crps).toBeCloseTo(0.6021649, 6);
    expect(byseq.get(2)!.absError).toBeCloseTo(0.7278083, 6);
    expect(byseq.get(3)).toMatchObject({ inside80: true, inside95: true, crps: null });
    expect(await db.ledgerEntry.findMany({ orderBy: { seq: "asc" } })).toEqual(before);
    expect((await scoreLedger({ now: at("2024-03-12T00:00:00Z") })).scored).toBe(0);

    const aapl = await pooledScores({ symbol: "AAPL" });
    expect(aapl.map((p) => [p.model, p.horizon, p.n])).toEqual([["naive", 1, 2], ["arima", 1, 1]]);
    expect(aapl[0]).toMatchObject({ coverage80: 1, coverage95: 1, maeRatio: 1, firstTarget: "2024-02-19", lastTarget: "2024-03-08" });
    expect(aapl[0].winkler95).toBeCloseTo(800 / 169, 9); // only the 2024-03-07 entry has a 95% interval: [165, 173]
    expect(aapl[0].mae).toBeCloseTo((0.4113872 + 1.0236663) / 2, 6);
    expect(aapl[1].maeRatio).toBeCloseTo(0.7278083 / 1.0236663, 6);
    expect(await verifyStoredLedger()).toMatchObject({ ok: true, checked: 28 });
  });
});

describe("reading", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const r = await trackRecordRoute(new NextRequest(`http://127.0.0.1${req.url}`), { params: Promise.resolve({}) });
      res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
      res.end(await r.text());
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));

  it("GET /api/track-record filters and pages; its CSV carries every chained field, so the hashes recompute from it", async () => {
    const p1 = await call(trackRecordRoute, { path: "/api/track-record?symbol=aapl&limit=2" });
    expect(p1.status).toBe(200);
    expect(p1.json.counts).toEqual({ entries: 3, scored: 3, awaiting: 0 });
    expect(p1.json.entries.map((e: LedgerEntryView) => e.seq)).toEqual([1, 2]);
    expect(p1.json.nextAfter).toBe(2);
    expect(p1.json.head.seq).toBe(28);
    const p2 = await call(trackRecordRoute, { path: "/api/track-record?symbol=AAPL&limit=2&after=2" });
    expect(p2.json.entries.map((e: LedgerEntryView) => e.seq)).toEqual([3]);
    expect(p2.json.nextAfter).toBeNull();
    for (const e of [...p1.json.entries, ...p2.json.entries]) expect(entryHash(e)).toBe(e.hash);
    const msft = await call(trackRecordRoute, { path: "/api/track-record?model=naive&horizon=1d&from=2024-03-08&to=2024-03-08" });
    expect(msft.json).toMatchObject({ counts: { entries: 1, scored: 0, awaiting: 1 }, summary: [], entries: [{ seq: 4, symbol: "MSFT", score: null }] });
    expect((await call(trackRecordRoute, { path: "/api/track-record?from=2024-13-01" })).status).toBe(400);
    expect((await call(trackRecordRoute, { path: "/api/track-record?limit=5000" })).status).toBe(400);

    const res = await trackRecordRoute(new NextRequest("http://localhost:3000/api/track-record?limit=3&format=csv"), { params: Promise.resolve({}) });
    expect(res.headers.get("link")).toBe('</api/track-record?limit=3&format=csv&after=3>; rel="next"');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const n = (s: string) => (s === "" ? null : Number(s));
    for (const r of rows) {
      const fields = {
        seq: Number(r.seq), recordedAt: r.recorded_at, symbol: r.symbol, model: r.model, version: r.version, horizon: Number(r.horizon), originDate: r.origin_date, targetDate: r.target_date,
        originClose: Number(r.origin_close), price: Number(r.price), lower80: n(r.lower_80), upper80: n(r.upper_80), lower95: n(r.lower_95), upper95: n(r.upper_95), lower99: n(r.lower_99), upper99: n(r.upper_99),
        quantiles: r.quantiles ? r.quantiles.split(" ").map(Number) : [], source: r.source, prevHash: r.prev_hash,
      };
      expect(entryHash(fields)).toBe(r.hash);
    }
    expect(rows[1]).toMatchObject({ seq: "2", inside_80: "false", quantiles: "162 165 167 169.5 170 170.5 172" });
  });

  it("verify-ledger checks the chain from the database and over HTTP", async () => {
    const lines: string[] = [];
    await runCli({ argv: ["verify-ledger"], out: (l) => lines.push(l), progress: () => undefined });
    const head = await trackRecord({ limit: 1 });
    expect(lines).toEqual([`ledger verified: 28 entries, head entry 28 ${head.head.hash}`]);
    lines.length = 0;
    await runCli({ argv: ["verify-ledger", "--url", base, "--json"], out: (l) => lines.push(l), progress: () => undefined });
    expect(JSON.parse(lines[0])).toEqual({ ok: true, checked: 28, last: head.head, broken: null });
  });
});

describe("tampering", () => {
  const run = promisify(execFile);
  it("the trigger refuses UPDATE and DELETE; a change made around it is named by verify-ledger, which exits 1", async () => {
    await expect(db.$executeRawUnsafe(`UPDATE forecast_ledger SET price = 1 WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM forecast_ledger WHERE seq = 28`)).rejects.toThrow(/append-only/);
    // Someone with the table owner's rights switches the trigger off and edits entry 17's forecast.
    await db.$executeRawUnsafe(`ALTER TABLE forecast_ledger DISABLE TRIGGER forecast_ledger_no_change`);
    await db.$executeRawUnsafe(`UPDATE forecast_ledger SET price = price + 0.01 WHERE seq = 17`);
    expect((await verifyStoredLedger()).broken).toMatchObject({ seq: 17, reason: "hash" });
    await db.$executeRawUnsafe(`UPDATE forecast_ledger SET price = price - 0.01 WHERE seq = 17`);
    expect((await verifyStoredLedger()).ok).toBe(true);
    // ...or deletes entry 20 (its score first).
    await db.$executeRawUnsafe(`DELETE FROM forecast_ledger_scores WHERE seq = 20`);
    await db.$executeRawUnsafe(`DELETE FROM forecast_ledger WHERE seq = 20`);
    expect((await verifyStoredLedger()).broken).toMatchObject({ seq: 20, reason: "sequence" });

    // The embedded database is one process's: hand it to the CLI.
    if (!process.env.DATABASE_URL) await closeDb();
    const r = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "verify-ledger"], { env: { ...process.env, PORT: "9" }, timeout: 180_000 }).catch((e) => e as { code: number; stdout: string; stderr: string });
    expect("code" in r ? r.code : 0).toBe(1);
    expect(r.stdout).toContain("ledger broken at entry 20: entry 20 is missing (next found: 21) (entries 1..19 verify)");
    expect(r.stderr).toContain("first broken entry: 20");
  }, 300_000);
});
