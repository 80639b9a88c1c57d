import "server-only";
// SEC EDGAR for every US-listed symbol, keyless: the ticker -> CIK map, shares outstanding (market cap
// where the quote provider has none) and recent 10-K / 10-Q / 8-K filings (company events on the stock
// page and in /news; earnings releases stored per symbol). Decoration: a failure is logged and answers
// "nothing", never an error page.
import { getEnv } from "@/env";
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";
import { memo } from "../memo";
import { isOnline } from "../online";
import { edgarEnabled, edgarJson } from "./client";
import { checkedToday, markChecked, recordEarningsDates } from "./earnings";
import { parseFilings, parseSharesOutstanding, parseTickerMap, type CompanyFiling } from "./filings";

export { earningsDates } from "./earnings";
export { edgarEnabled } from "./client";
export type { CompanyFiling } from "./filings";

const DAY_SEC = 24 * 60 * 60;
const FILINGS_TTL_SEC = 60 * 60;
/** A failed look-up is not repeated for this long. */
const FAILED_TTL_SEC = 5 * 60;

// The ticker map (~10,000 rows) lives in this process only: one download a day, not one cache entry per symbol.
let tickers: { at: number; map: Map<string, { cik: number; name: string }> } | null = null;
let loading: Promise<Map<string, { cik: number; name: string }>> | null = null;
onServicesReset(() => {
  tickers = null;
  loading = null;
});

const usable = () => edgarEnabled() && isOnline();

async function tickerMap(): Promise<Map<string, { cik: number; name: string }>> {
  if (tickers && Date.now() - tickers.at < DAY_SEC * 1000) return tickers.map;
  loading ??= edgarJson("www", "/files/company_tickers.json")
    .then((raw) => {
      const map = parseTickerMap(raw);
      if (map.size === 0) throw new Error("sec-edgar: company_tickers.json held no tickers");
      tickers = { at: Date.now(), map };
      return map;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** EDGAR's company number for a ticker, or null (not a US filer, EDGAR off or unreachable). */
export async function cikFor(symbol: string): Promise<{ cik: number; name: string } | null> {
  if (!usable()) return null;
  try {
    return (await tickerMap()).get(symbol.toUpperCase()) ?? null;
  } catch (err) {
    logger.warn("SEC EDGAR ticker map unavailable", { reason: (err as Error).message });
    return null;
  }
}

const cikPath = (cik: number) => `CIK${String(cik).padStart(10, "0")}.json`;

/** The latest shares outstanding EDGAR holds for `symbol` (from the cover of its last 10-Q/10-K). */
export async function sharesOutstanding(symbol: string): Promise<{ shares: number; asOf: string } | null> {
  const id = await cikFor(symbol);
  if (!id) return null;
  const r = await memo(`edgar:shares:${symbol}`, async () => {
    try {
      const s = parseSharesOutstanding(await edgarJson("data", `/api/xbrl/companyfacts/${cikPath(id.cik)}`));
      return { value: { found: s }, ttlSec: DAY_SEC };
    } catch (err) {
      logger.warn("SEC EDGAR company facts unavailable", { symbol, reason: (err as Error).message });
      return { value: { found: null }, ttlSec: FAILED_TTL_SEC };
    }
  });
  return r.found ? { shares: r.found.shares, asOf: r.found.asOf } : null;
}

/** Recent 10-K, 10-Q and 8-K filings of `symbol`, newest first; earnings releases are stored on the way. */
export async function companyFilings(symbol: string): Promise<CompanyFiling[]> {
  const id = await cikFor(symbol);
  if (!id) return [];
  const r = await memo(`edgar:filings:${symbol}`, async () => {
    try {
      const filings = parseFilings(await edgarJson("data", `/submissions/${cikPath(id.cik)}`), { cik: id.cik, wwwBase: getEnv().SEC_WWW_URL });
      await recordEarningsDates(symbol, filings).catch((err: unknown) => logger.warn("earnings dates not stored", { symbol, err }));
      return { value: { filings: filings.slice(0, 40), name: id.name }, ttlSec: FILINGS_TTL_SEC };
    } catch (err) {
      logger.warn("SEC EDGAR filings unavailable", { symbol, reason: (err as Error).message });
      return { value: { filings: [] as CompanyFiling[], name: id.name }, ttlSec: FAILED_TTL_SEC };
    }
  });
  return r.filings;
}

/** The company name EDGAR files under, for titles ("Tesla, Inc."). */
export async function edgarName(symbol: string): Promise<string | null> {
  return (await cikFor(symbol))?.name ?? null;
}

export interface EarningsDatesRefresh {
  symbol: string;
  /**
   * "read": the filings were read now (`added` new release dates stored); "fresh": already read today; "off":
   * EDGAR is not used or the machine is offline; "not-filer": no EDGAR company for the ticker; "failed": EDGAR
   * did not answer (the stored dates stay as they are; the next run tries again).
   */
  outcome: "read" | "fresh" | "off" | "not-filer" | "failed";
  added: number;
}

/**
 * Reads `symbol`'s filings on EDGAR at most once a UTC day and stores its earnings releases (the daily refresh
 * and every training call it, so the forecast sees a release filed since the last page view). Never throws:
 * a failure is logged and the stored dates serve.
 */
export async function refreshEarningsDates({ symbol, now = new Date() }: { symbol: string; now?: Date }): Promise<EarningsDatesRefresh> {
  const sym = symbol.toUpperCase();
  const out = (outcome: EarningsDatesRefresh["outcome"], added = 0): EarningsDatesRefresh => ({ symbol: sym, outcome, added });
  if (!usable()) return out("off");
  try {
    if (await checkedToday(sym, now)) return out("fresh");
    const id = (await tickerMap()).get(sym);
    if (!id) {
      await markChecked(sym, now);
      return out("not-filer");
    }
    const filings = parseFilings(await edgarJson("data", `/submissions/${cikPath(id.cik)}`), { cik: id.cik, wwwBase: getEnv().SEC_WWW_URL });
    const added = await recordEarningsDates(sym, filings);
    await markChecked(sym, now);
    return out("read", added);
  } catch (err) {
    logger.warn("SEC EDGAR filings not read: forecasting with the stored earnings dates", { symbol: sym, reason: (err as Error)?.message ?? String(err) });
    return out("failed");
  }
}
