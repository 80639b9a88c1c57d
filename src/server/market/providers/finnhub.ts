import "server-only";
// Finnhub (https://finnhub.io/docs/api). Unknown symbols come back as all-zero quotes, empty
// profiles and {"s":"no_data"} candles rather than as errors.
import { getEnv } from "@/env";
import { onServicesReset } from "@/lib/services";
import { sortBars } from "../bars";
import { fetchJson, isRecord, num, ProviderError, requireNum } from "../http";
import { exchangeName } from "../exchanges";
import { regularSessionBars } from "../validate";
import type { Bar, MarketProvider, Overview, Quote } from "../types";

const P = "finnhub" as const;

export async function finnhubGet(path: string, params: Record<string, string>): Promise<unknown> {
  const env = getEnv();
  const url = new URL(`${env.FINNHUB_BASE_URL.replace(/\/$/, "")}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetchJson({ provider: P, url: url.toString(), headers: { "X-Finnhub-Token": env.FINNHUB_API_KEY ?? "" } });
}

function obj(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new ProviderError(P, "garbage", "body is not an object");
  if (typeof body.error === "string") throw new ProviderError(P, "client", body.error);
  return body;
}

export function parseFinnhubQuote(symbol: string, raw: unknown): Quote | null {
  const body = obj(raw);
  const price = requireNum(P, body.c, "c");
  const t = num(body.t) ?? 0;
  if (price === 0 && t === 0) return null; // Finnhub's answer for a symbol it does not know
  const previousClose = requireNum(P, body.pc, "pc");
  return {
    symbol,
    price,
    previousClose,
    change: num(body.d) ?? price - previousClose,
    changePercent: num(body.dp) ?? (previousClose ? ((price - previousClose) / previousClose) * 100 : 0),
    open: num(body.o),
    high: num(body.h),
    low: num(body.l),
    time: new Date(t * 1000).toISOString(),
  };
}

export function parseFinnhubCandles(raw: unknown, opts: { daily: boolean }): Bar[] | null {
  const body = obj(raw);
  if (body.s === "no_data") return null;
  if (body.s !== "ok") throw new ProviderError(P, "garbage", `candle status ${String(body.s)}`);
  const arrays = ["t", "o", "h", "l", "c", "v"].map((k) => body[k]);
  if (!arrays.every(Array.isArray)) throw new ProviderError(P, "garbage", "candle arrays missing");
  const [t, o, h, l, c, v] = arrays as number[][];
  if (![o, h, l, c, v].every((a) => a!.length === t!.length)) throw new ProviderError(P, "garbage", "candle arrays differ in length");
  return sortBars(t!.map((sec, i) => {
    const iso = new Date(requireNum(P, sec, "t") * 1000).toISOString();
    return {
      time: opts.daily ? iso.slice(0, 10) : iso,
      open: requireNum(P, o![i], "o"),
      high: requireNum(P, h![i], "h"),
      low: requireNum(P, l![i], "l"),
      close: requireNum(P, c![i], "c"),
      volume: num(v![i]) ?? 0,
    };
  }));
}

/** profile2 gives identity and market cap (in millions); stock/metric gives P/E, beta, 52-week range. */
export function parseFinnhubOverview(symbol: string, profileRaw: unknown, metricRaw: unknown): Overview | null {
  const profile = obj(profileRaw);
  if (Object.keys(profile).length === 0) return null;
  if (typeof profile.name !== "string") throw new ProviderError(P, "garbage", "profile without name");
  const m = isRecord(metricRaw) && isRecord(metricRaw.metric) ? metricRaw.metric : {};
  const cap = num(profile.marketCapitalization);
  const avgVolM = num(m["3MonthAverageTradingVolume"]) ?? num(m["10DayAverageTradingVolume"]);
  const o: Overview = {
    symbol: String(profile.ticker ?? symbol).toUpperCase(),
    name: profile.name,
    industry: typeof profile.finnhubIndustry === "string" ? profile.finnhubIndustry : undefined,
    exchange: exchangeName(typeof profile.exchange === "string" ? profile.exchange : undefined),
    currency: typeof profile.currency === "string" ? profile.currency : undefined,
    marketCap: cap !== undefined ? cap * 1e6 : undefined,
    peRatio: num(m.peTTM) ?? num(m.peBasicExclExtraTTM),
    eps: num(m.epsTTM) ?? num(m.epsBasicExclExtraItemsTTM),
    dividendYield: num(m.dividendYieldIndicatedAnnual) !== undefined ? num(m.dividendYieldIndicatedAnnual)! / 100 : undefined,
    beta: num(m.beta),
    week52High: num(m["52WeekHigh"]),
    week52Low: num(m["52WeekLow"]),
    avgVolume: avgVolM !== undefined ? Math.round(avgVolM * 1e6) : undefined,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Overview;
}

const DAY = 86_400;
// stock/candle is premium: a free key gets HTTP 403 {"error":"You don't have access to this resource."}. Then
// Finnhub serves quotes, profiles and news but no bars; remembered for a day so daily and intraday stop asking.
const CANDLES_REFUSED_MS = 24 * 60 * 60_000;
let candlesRefusedUntil = 0;
onServicesReset(() => {
  candlesRefusedUntil = 0;
});

async function candles(params: Record<string, string>, daily: boolean): Promise<Bar[] | null> {
  if (candlesRefusedUntil > Date.now()) throw new ProviderError(P, "unsupported", "stock/candle is not in this key's plan");
  try {
    return parseFinnhubCandles(await finnhubGet("stock/candle", params), { daily });
  } catch (err) {
    if (err instanceof ProviderError && err.kind === "unsupported") candlesRefusedUntil = Date.now() + CANDLES_REFUSED_MS;
    throw err;
  }
}

export const finnhubProvider: MarketProvider = {
  name: P,
  enabled: () => Boolean(getEnv().FINNHUB_API_KEY),
  async quote(symbol) {
    return parseFinnhubQuote(symbol, await finnhubGet("quote", { symbol }));
  },
  async daily(symbol, opts) {
    const to = Math.floor(Date.now() / 1000);
    const from = opts?.from ? Math.floor(Date.parse(opts.from) / 1000) : to - 20 * 366 * DAY;
    return candles({ symbol, resolution: "D", from: String(from), to: String(to) }, true);
  },
  async intraday(symbol, { intervalMin, days }) {
    const to = Math.floor(Date.now() / 1000);
    const from = to - Math.max(1, days) * DAY;
    // Finnhub has 1/5/15/30/60-minute candles; 4-hour bars are built from hourly ones.
    const resolution = intervalMin === 1 ? "1" : "60";
    return regularSessionBars(await candles({ symbol, resolution, from: String(from), to: String(to) }, false), intervalMin);
  },
  async overview(symbol) {
    const profile = await finnhubGet("stock/profile2", { symbol });
    if (isRecord(profile) && Object.keys(profile).length === 0) return null;
    const metric = await finnhubGet("stock/metric", { symbol, metric: "all" });
    return parseFinnhubOverview(symbol, profile, metric);
  },
};
