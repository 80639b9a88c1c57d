// Shared set-up for market tests: point the providers at a replay server (or at nothing), and give
// each test a clean slate of cached market keys, breakers and rate-limit windows.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { cache, cacheConfigFromEnv, createCache, useCache } from "@/lib/cache";
import { metrics } from "@/lib/metrics";
import { resetServicesForTests } from "@/lib/services";
import { memoryBarStore, useBarStore } from "@/server/market/bar-store/store";
import { KEYS } from "@/server/market/keys";
import { RANGES } from "@/server/market/types";
import { ReplayServer } from "../../support/replay-server";

const PROVIDER_VARS = [
  "ALPHA_VANTAGE_API_KEY",
  "FINNHUB_API_KEY",
  "POLYGON_API_KEY",
  "ALPHA_VANTAGE_BASE_URL",
  "FINNHUB_BASE_URL",
  "POLYGON_BASE_URL",
  "PROVIDER_ORDER",
  "PROVIDER_TIMEOUT_MS",
  "MARKET_DATA_DIR",
  "WATCHLIST",
  "YAHOO_BASE_URL",
  "SEC_EDGAR",
  "SEC_CONTACT",
  "SEC_DATA_URL",
  "SEC_WWW_URL",
];

/** A replay server for the enclosing describe: started once, its routes and request log cleared before each test. */
export function useReplayServer(): ReplayServer {
  const server = new ReplayServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => server.close());
  beforeEach(() => server.reset());
  return server;
}

/** Configures providers: keys for the named ones, base URLs on the replay server, everything else unset. */
export function useProviders(opts: { server?: ReplayServer; keys?: ("alphavantage" | "finnhub" | "polygon")[]; order?: string; timeoutMs?: number; env?: Record<string, string> } = {}): void {
  // Keyless providers (Yahoo Finance) are on when the order names them; with a server they reach only it.
  for (const v of PROVIDER_VARS) delete process.env[v];
  const keys = new Set(opts.keys ?? []);
  if (keys.has("alphavantage")) process.env.ALPHA_VANTAGE_API_KEY = "test-av-key";
  if (keys.has("finnhub")) process.env.FINNHUB_API_KEY = "test-finnhub-key";
  if (keys.has("polygon")) process.env.POLYGON_API_KEY = "test-polygon-key";
  if (opts.server) {
    process.env.ALPHA_VANTAGE_BASE_URL = `${opts.server.url}/av`;
    process.env.FINNHUB_BASE_URL = `${opts.server.url}/finnhub`;
    process.env.POLYGON_BASE_URL = `${opts.server.url}/polygon`;
    process.env.YAHOO_BASE_URL = opts.server.url;
  }
  if (opts.order) process.env.PROVIDER_ORDER = opts.order;
  process.env.PROVIDER_TIMEOUT_MS = String(opts.timeoutMs ?? 5000);
  Object.assign(process.env, opts.env ?? {});
  // Bars a live provider served are kept in the bar store: a fresh in-process one per test, no data folder.
  useBarStore(memoryBarStore());
  // Settings changed: forget the parsed environment, breakers, probes and parsed files; keep the services.
  void resetServicesForTests({ keep: "all" });
}

let isolated = false;
/**
 * With REDIS_URL set, test files running in parallel share one Redis: give this file's cache its own
 * key prefix so one file's cached AAPL (say, from a replayed provider) never leaks into another's.
 */
async function isolateCache(): Promise<void> {
  if (isolated) return;
  isolated = true;
  const prefix = `test-market:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
  await useCache(createCache(cacheConfigFromEnv(), { keyPrefix: prefix }));
}

/** Drops every cached market payload for these symbols (the cache may be a shared Redis). */
export async function clearMarketKeys(symbols: string[]): Promise<void> {
  await isolateCache();
  await resetServicesForTests({ keep: "all" });
  const keys: string[] = [KEYS.news(undefined)];
  for (const s of symbols) {
    keys.push(KEYS.quote(s), KEYS.daily(s), KEYS.overview(s), KEYS.news(s), `lastgood:${KEYS.quote(s)}`, `edgar:filings:${s}`, `edgar:shares:${s}`);
    for (const i of ["1min", "60min", "240min"]) keys.push(KEYS.intraday(i, s));
    for (const r of RANGES) keys.push(KEYS.timeseries(r, s));
    for (const op of ["quote", "daily", "intraday", "overview"]) keys.push(`throttle:${op}:${s}`);
  }
  await Promise.all(keys.map((k) => cache.del(k)));
}

export interface CsvRow {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

/** Reads a shipped CSV independently of the code under test. */
export function readCsv(symbol: string): CsvRow[] {
  const [, ...lines] = readFileSync(`data/${symbol}.csv`, "utf8").trim().split("\n");
  return lines.map((l) => {
    const [date, open, high, low, close, adj, volume] = l.split(",");
    return { date: date!, open: +open!, high: +high!, low: +low!, close: +close!, adjClose: +adj!, volume: +volume! };
  });
}

export async function providerCallCount(provider: string, outcome: string): Promise<number> {
  const m = await metrics.providerCalls.get();
  return m.values.find((v) => v.labels.provider === provider && v.labels.outcome === outcome)?.value ?? 0;
}
