import "server-only";
// The yahoo-finance2 client, with our own fetch underneath: timeouts, offline detection, refusal of HTML
// pages (consent walls, captchas) where data was expected, and — in tests — the replay server instead of
// Yahoo's hosts. Yahoo Finance has no official API: the library follows the website's own calls and may
// break when Yahoo changes them; the guard's breaker and the shipped set absorb that.
import YahooFinance from "yahoo-finance2";
import { ExtendedCookieJar } from "yahoo-finance2/lib/cookieJar";
import { getEnv } from "@/env";
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";
import { ProviderError } from "../http";
import { noteNetworkFailure } from "../online";

const P = "yahoo" as const;
/** Hosts that answer data (JSON or the crumb's plain text); an HTML page from them is never data. */
const DATA_HOSTS = /^query\d\.finance\.yahoo\.com$/;

/** Where a request for `url` really goes: Yahoo, or the replay server standing in for it. */
export function routedUrl(url: string): string {
  const base = getEnv().YAHOO_BASE_URL;
  if (!base) return url;
  const u = new URL(url);
  return `${base.replace(/\/$/, "")}/${u.host}${u.pathname}${u.search}`;
}

async function yahooFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const host = new URL(url).host;
  const target = routedUrl(url);
  const timeoutMs = getEnv().PROVIDER_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(target, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError") throw new ProviderError(P, "timeout", `no response within ${timeoutMs} ms`);
    noteNetworkFailure(err, new URL(target).hostname);
    throw new ProviderError(P, "network", `${host}: ${(err as Error)?.message ?? "network error"}`);
  }
  if (res.status === 429) throw new ProviderError(P, "rate_limited", "HTTP 429", { retryAfterSec: Number(res.headers.get("retry-after")) || 60 });
  if (res.status >= 500) throw new ProviderError(P, "server", `HTTP ${res.status}`);
  const type = res.headers.get("content-type") ?? "";
  if (DATA_HOSTS.test(host) && /html/i.test(type)) {
    const head = (await res.text()).slice(0, 200).replace(/\s+/g, " ");
    const title = /<title>([^<]*)<\/title>/i.exec(head)?.[1];
    throw new ProviderError(P, "garbage", `an HTML page instead of data (consent or captcha page${title ? `: "${title.trim()}"` : ""})`);
  }
  return res;
}

// yahoo-finance2 logs validation details and notices through this; they belong in our log, not stdout.
const yfLogger = {
  info: (...args: unknown[]) => logger.debug("yahoo-finance2", { message: args.map(String).join(" ").slice(0, 300) }),
  warn: (...args: unknown[]) => logger.debug("yahoo-finance2 warning", { message: args.map(String).join(" ").slice(0, 300) }),
  error: (...args: unknown[]) => logger.debug("yahoo-finance2 error", { message: args.map(String).join(" ").slice(0, 300) }),
  debug: () => undefined,
  dir: () => undefined,
};

let client: InstanceType<typeof YahooFinance> | undefined;
// A fresh cookie jar (and so a fresh crumb) per test; in production one client lives as long as the process.
onServicesReset(() => {
  client = undefined;
});

export function yahoo(): InstanceType<typeof YahooFinance> {
  client ??= new YahooFinance({
    fetch: yahooFetch,
    logger: yfLogger,
    cookieJar: new ExtendedCookieJar(),
    validation: { logErrors: false, logOptionsErrors: false },
    suppressNotices: ["yahooSurvey", "ripHistorical"],
    versionCheck: false,
  } as ConstructorParameters<typeof YahooFinance>[0]);
  return client;
}

/** Any failure of a yahoo-finance2 call as the ProviderError the guard understands. */
export function yahooError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as Error & { code?: number };
  const message = (e?.message ?? String(err)).replace(/\s+/g, " ");
  if (e?.name === "HTTPError") {
    if (e.code === 401 || e.code === 403) return new ProviderError(P, "unsupported", `HTTP ${e.code}: ${message.slice(0, 120)}`);
    return new ProviderError(P, "client", `HTTP ${e.code ?? "error"}: ${message.slice(0, 120)}`);
  }
  if (/not parsable|Unexpected|validation/i.test(`${e?.name} ${message}`)) {
    return new ProviderError(P, "garbage", `unusable answer: ${message.slice(0, 120)}`);
  }
  return new ProviderError(P, "garbage", message.slice(0, 160));
}

/** True when Yahoo's error means "no such symbol" (a 404 from chart, "Quote not found" from quoteSummary). */
export function isUnknownSymbol(err: unknown): boolean {
  const e = err as Error & { code?: number };
  return (e?.name === "HTTPError" && e.code === 404) || /not found|No data found|delisted|No fundamentals/i.test(e?.message ?? "");
}
