// `npm run bench:market [-- --provider yahoo|polygon]`: the bar store's size for the 23 shipped symbols and the
// time to a 10-year chart for a symbol outside the shipped set, through a replayed provider: Yahoo Finance (the
// keyless live default; a local HTTP server answering /v8/finance/chart/<symbol> in the shape of yahoo-finance2's
// recorded answers, tests/fixtures/providers/yahoo) or Polygon (answering /v2/aggs/.../day/ the way Polygon does). Each shipped symbol's provider answer is the last ten years of its
// shipped bars (what a ten-year daily window holds); the outside symbols (ZZB1..ZZB5) get ten years of
// MSFT's bars under their own name. Polygon's request budget is raised (a paid plan's). Database: DATABASE_URL in a throwaway schema (dropped afterwards), else
// PGlite in a temp folder. Cache: in process. Prints JSON.
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const TEN_YEARS = 2520;
const OUTSIDE = ["ZZB1", "ZZB2", "ZZB3", "ZZB4", "ZZB5"];

function csvBars(symbol: string) {
  const [, ...lines] = readFileSync(`data/${symbol}.csv`, "utf8").trim().split("\n");
  return lines.slice(-TEN_YEARS).map((l) => {
    const [d, o, h, lo, c, , v] = l.split(",");
    return { t: Date.parse(`${d}T05:00:00Z`), o: +o!, h: +h!, l: +lo!, c: +c!, v: +v! };
  });
}

const provider = process.argv.includes("--provider") ? process.argv[process.argv.indexOf("--provider") + 1] : "yahoo";
if (provider !== "yahoo" && provider !== "polygon") throw new Error("--provider must be yahoo or polygon");

/** Yahoo's v8 chart answer (the recorded shape: meta, timestamp, indicators.quote and adjclose). */
function yahooChart(symbol: string, bars: ReturnType<typeof csvBars>) {
  const last = bars[bars.length - 1]!;
  const meta = { currency: "USD", symbol, exchangeName: "NMS", fullExchangeName: "NasdaqGS", instrumentType: "EQUITY", gmtoffset: -18000, timezone: "EST", exchangeTimezoneName: "America/New_York", regularMarketPrice: last.c, regularMarketTime: last.t / 1000, chartPreviousClose: bars[0]!.c, priceHint: 2, dataGranularity: "1d", range: "" };
  const col = (k: "o" | "h" | "l" | "c" | "v") => bars.map((b) => b[k]);
  const quote = { open: col("o"), high: col("h"), low: col("l"), close: col("c"), volume: col("v") };
  return { chart: { result: [{ meta, timestamp: bars.map((b) => Math.round(b.t / 1000) + 9.5 * 3600), indicators: { quote: [quote], adjclose: [{ adjclose: col("c") }] } }], error: null } };
}

const replay = createServer((req, res) => {
  const y = /^\/yahoo\/query[12]\.finance\.yahoo\.com\/v8\/finance\/chart\/([A-Z0-9.-]+)/.exec(req.url ?? "");
  if (y) {
    res.writeHead(200, { "content-type": "application/json;charset=utf-8" });
    return res.end(JSON.stringify(yahooChart(y[1]!, csvBars(OUTSIDE.includes(y[1]!) ? "MSFT" : y[1]!))));
  }
  const m = /^\/polygon\/v2\/aggs\/ticker\/([A-Z0-9.-]+)\/range\/1\/day\//.exec(req.url ?? "");
  if (!m) {
    res.writeHead(404, { "content-type": "application/json" });
    return res.end(JSON.stringify({ status: "NOT_FOUND" }));
  }
  const results = csvBars(OUTSIDE.includes(m[1]!) ? "MSFT" : m[1]!);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: "OK", adjusted: true, resultsCount: results.length, results }));
});
await new Promise<void>((r) => replay.listen(0, "127.0.0.1", r));
const port = (replay.address() as { port: number }).port;

const dataDir = mkdtempSync(join(tmpdir(), "bench-market-"));
const schema = `bench_market_${Date.now().toString(36)}`;
const pgUrl = process.env.DATABASE_URL;
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`CREATE SCHEMA "${schema}"`);
  await c.end();
  const u = new URL(pgUrl);
  u.searchParams.set("schema", schema);
  process.env.DATABASE_URL = u.toString();
}
Object.assign(process.env, {
  DATA_DIR: dataDir,
  LOG_LEVEL: "error",
  PROVIDER_ORDER: provider,
  ...(provider === "polygon" ? { POLYGON_API_KEY: "bench-key", POLYGON_BASE_URL: `http://127.0.0.1:${port}/polygon` } : { YAHOO_BASE_URL: `http://127.0.0.1:${port}/yahoo` }),
});
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;

const { getDaily, getTimeseries } = await import("../../src/server/market");
const { barStore } = await import("../../src/server/market");
const { shippedSymbols } = await import("../../src/server/market");
const { forget } = await import("../../src/server/market");
const { KEYS } = await import("../../src/server/market");
const { getDb, closeDb } = await import("../../src/lib/db");
const { PROVIDER_LIMITS } = await import("../../src/server/market");
// A paid plan's budget: the free 5 requests/min would make the fill take five minutes of waiting, not work.
PROVIDER_LIMITS.polygon = [{ limit: 10_000, windowSec: 60 }];
PROVIDER_LIMITS.yahoo = [{ limit: 10_000, windowSec: 60 }];

try {
  await getDb(); // opened and migrated before anything is timed
  const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

  const fillStarted = performance.now();
  for (const s of shippedSymbols()) await getDaily({ symbol: s });
  const fillMs = ms(fillStarted);
  const size = await barStore().size();

  const charts: { symbol: string; coldMs: number; points: number; cachedMs: number; restartMs: number }[] = [];
  for (const s of OUTSIDE) {
    let t = performance.now();
    const ts = await getTimeseries({ symbol: s, range: "10Y" });
    const coldMs = ms(t);
    t = performance.now();
    await getTimeseries({ symbol: s, range: "10Y" });
    const cachedMs = ms(t);
    // A restart: the in-process cache is gone, the bars are in the database (fetched minutes ago: no top-up).
    await forget([KEYS.daily(s), KEYS.timeseries("10Y", s)]);
    t = performance.now();
    await getTimeseries({ symbol: s, range: "10Y" });
    charts.push({ symbol: s, coldMs, points: ts.points.length, cachedMs, restartMs: ms(t) });
  }

  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        database: pgUrl ? "postgres" : "pglite",
        provider,
        // The machine is shared: the 1-minute load average at the end says how busy it was.
        loadAverage: Math.round(loadavg()[0]! * 10) / 10,
        barStore: { symbols: size.symbols, rows: size.rows, bytes: size.bytes, bytesPerRow: size.bytes ? Math.round(size.bytes / size.rows) : null, fillMs },
        tenYearChart: charts,
      },
      null,
      2,
    ),
  );
} finally {
  // The throwaway schema and folder go even when a run fails half way.
  await closeDb();
  replay.close();
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
