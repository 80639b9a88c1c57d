import "server-only";
// Alpha Vantage's query and its answers' shared parsing: every answer is HTTP 200, so rate limits and errors
// arrive as JSON bodies ("Note", "Information", "Error Message") and are classified here. Used by the quote,
// intraday and overview calls (alpha-vantage.ts) and the daily series (alpha-vantage-daily.ts).
import { getEnv } from "@/env";
import { sortBars } from "../bars";
import { fetchJson, isRecord, num, ProviderError, requireNum } from "../http";
import type { Bar } from "../types";

const P = "alphavantage" as const;

/** What a 200 answer holds once its Note / Information / Error Message wording is read. */
export type AvBodyKind = "data" | "unknown_symbol" | "no_articles";

/**
 * Calls one AV function; returns the body, or null for an unknown symbol. NEWS_SENTIMENT's "no articles" answers
 * come back as `{ feed: [] }`: an empty result, not a failure.
 */
export async function avQuery(params: Record<string, string>): Promise<Record<string, unknown> | null> {
  const env = getEnv();
  const url = new URL(`${env.ALPHA_VANTAGE_BASE_URL.replace(/\/$/, "")}/query`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("apikey", env.ALPHA_VANTAGE_API_KEY ?? "");
  const body = await fetchJson({ provider: P, url: url.toString() });
  if (!isRecord(body)) throw new ProviderError(P, "garbage", "body is not an object");
  const kind = classifyAvBody(body);
  if (kind === "unknown_symbol") return null;
  if (kind === "no_articles") return { feed: [] };
  return body;
}

// Alpha Vantage answers every limit, plan refusal and error with HTTP 200 and a sentence. The sentences below are
// the live ones (tests/fixtures/providers/alphavantage). Order matters: the limit messages end with an upsell
// ("...instantly unlock all premium endpoints"), so rate-limit wording is matched before premium wording.
const BURST = /spreading out your free api requests|requests? per second|higher api call volume/;
const PER_MINUTE = /(calls|requests) per minute/;
const PER_DAY = /rate limit is \d+ requests per day|daily rate limit/;
const PREMIUM = /premium (endpoint|feature)/;
const NO_ARTICLES = /^(invalid inputs|no articles found)/;
const BAD_KEY = /apikey is invalid or missing|invalid api ?key|demo api key is for demo purposes/;

/** Throws for limits, plan refusals and a bad key; says whether the body is data, an unknown symbol or no articles. */
export function classifyAvBody(body: Record<string, unknown>): AvBodyKind {
  const error = body["Error Message"];
  const note = body.Note ?? body.Information;
  const text = String(typeof error === "string" ? error : typeof note === "string" ? note : "").toLowerCase();
  const quoted = String(error ?? note ?? "").slice(0, 200);
  if (BAD_KEY.test(text)) throw new ProviderError(P, "config", `key invalid: ${quoted}`);
  // "Invalid API call ... for TIME_SERIES_DAILY": AV's answer for a symbol it does not know.
  if (typeof error === "string") return "unknown_symbol";
  if (typeof note !== "string") return "data";
  if (BURST.test(text)) throw new ProviderError(P, "rate_limited", quoted, { retryAfterSec: 60 });
  if (PER_MINUTE.test(text)) throw new ProviderError(P, "rate_limited", quoted, { retryAfterSec: 60 });
  if (PER_DAY.test(text)) throw new ProviderError(P, "rate_limited", quoted, { retryAfterSec: 3600 });
  if (PREMIUM.test(text)) throw new ProviderError(P, "unsupported", quoted);
  if (NO_ARTICLES.test(text.trim())) return "no_articles";
  throw new ProviderError(P, "client", `unrecognised answer: ${quoted}`);
}

export function seriesKey(body: Record<string, unknown>): string | undefined {
  return Object.keys(body).find((k) => k.startsWith("Time Series"));
}

/** Parses any "Time Series (...)" object into ascending bars. Intraday stamps are US/Eastern wall times. */
export function parseAvSeries(body: Record<string, unknown>, opts: { intraday: boolean }): Bar[] {
  const key = seriesKey(body);
  const series = key ? body[key] : undefined;
  if (!isRecord(series)) throw new ProviderError(P, "garbage", "no Time Series object in the body");
  const tz = isRecord(body["Meta Data"])
    ? String(Object.entries(body["Meta Data"]).find(([k]) => k.includes("Time Zone"))?.[1] ?? "US/Eastern")
    : "US/Eastern";
  const bars: Bar[] = [];
  for (const [stamp, row] of Object.entries(series)) {
    if (!isRecord(row)) throw new ProviderError(P, "garbage", `bad row ${stamp}`);
    const adj = num(row["5. adjusted close"]);
    const volume = num(row["6. volume"]) ?? num(row["5. volume"]);
    if (volume === undefined) throw new ProviderError(P, "garbage", `missing volume in ${stamp}`);
    bars.push({
      time: opts.intraday ? easternToIso(stamp, tz) : stamp.slice(0, 10),
      open: requireNum(P, row["1. open"], "1. open"),
      high: requireNum(P, row["2. high"], "2. high"),
      low: requireNum(P, row["3. low"], "3. low"),
      close: requireNum(P, row["4. close"], "4. close"),
      ...(adj !== undefined ? { adjClose: adj } : {}),
      volume,
    });
  }
  return sortBars(bars);
}

/** "2024-03-08 15:59:00" in US/Eastern -> ISO UTC, using the zone's offset on that day (EST/EDT). */
export function easternToIso(stamp: string, tz = "US/Eastern"): string {
  const asUtc = Date.parse(stamp.replace(" ", "T") + "Z");
  if (tz === "UTC") return new Date(asUtc).toISOString();
  const zone = tz === "US/Eastern" ? "America/New_York" : tz;
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(asUtc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return new Date(asUtc - (wall - asUtc)).toISOString();
}
