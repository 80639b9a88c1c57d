// /stock/{symbol}: quote, interactive chart, company overview and company news.
import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { companyFilings, getOverview, getStock, getTimeseries, liveMode, type Range, RANGES, symbolSchema } from "@/server/market";
import { getNews } from "@/server/news";
import { CompanyEvents } from "@/components/market/company-events";
import { PriceChart } from "@/components/chart/price-chart";
import { StockHeader } from "@/components/market/stock-header";
import { UrlCorrections } from "@/components/layout/url-corrections";
import { CompanyOverview } from "@/components/market/company-overview";
import { MarketDataUnavailable } from "@/components/market/market-data-unavailable";
import { NewsCards, newsUnavailable } from "@/components/market/news-cards";
import { ForecastSection } from "@/components/forecast/forecast-section";
import { ForecastOverlayProvider } from "@/components/forecast/forecast-overlay";
import { ForecastResultProvider } from "@/components/forecast/forecast-result-context";
import { StockForecastHeadline } from "@/components/forecast/stock-forecast-headline";
import { sessionUser } from "@/server/auth";
import { WatchlistToggle } from "@/components/watchlists/watchlist-toggle";
import { listWatchlists } from "@/server/watchlists";
import { forecastReadiness } from "@/server/predictions";

export const dynamic = "force-dynamic";

// Three months: the forecast's few days and their bands are visible beside the recent prices (on 1Y they are a few pixels wide).
const DEFAULT_RANGE = "3M" as const;

/** What the page says when the address asked for a range it does not show. */
function rangeCorrection(wanted: string, shown: Range): string {
  if (wanted === "1D") return `The 1D chart needs intraday bars, which the historical data set does not have; showing ${shown}.`;
  return `Chart range "${wanted}" is not offered; showing ${shown} (choose ${RANGES.join(", ")}).`;
}

type Props = { params: Promise<{ symbol: string }>; searchParams: Promise<{ range?: string }> };

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape is just an invalid symbol
  }
}

function parseSymbol(raw: string): string | null {
  const parsed = symbolSchema.safeParse(safeDecode(raw));
  return parsed.success ? parsed.data : null;
}

const isMissing = (err: unknown) => err instanceof AppError && (err.code === "not_found" || err.code === "bad_request");
const isUnavailable = (err: unknown) => err instanceof AppError && err.code === "unavailable";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const symbol = parseSymbol((await params).symbol);
  if (!symbol) return { title: "Unknown symbol" };
  // A typo must not become the tab's title: the quote (cached, the page asks for it too) decides.
  const known = await getStock({ symbol }).then(
    () => true,
    (err: unknown) => !isMissing(err),
  );
  return { title: known ? symbol : "Unknown symbol" };
}

// News providers can be slow; the news streams in after the quote and chart are on screen. The company's
// SEC filings follow it (unless the news block already is those filings, with no news service connected).
async function CompanyNews({ symbol }: { symbol: string }) {
  const [news, filings] = await Promise.all([getNews({ symbol, limit: 6 }).catch(newsUnavailable), companyFilings(symbol).catch(() => [])]);
  return (
    <>
      <NewsCards news={news} title={`${symbol} news`} />
      {news.source !== "sec-edgar" && <CompanyEvents symbol={symbol} filings={filings.slice(0, 6)} />}
    </>
  );
}

export default async function StockPage({ params, searchParams }: Props) {
  const raw = (await params).symbol;
  // The chosen chart range is in the URL (?range=5Y), so a chart view can be shared.
  const wanted = (await searchParams).range;
  // 1D needs intraday bars, which only a live provider has; without one the chart opens on the default range
  // and says why 1D is unavailable.
  const intraday = liveMode() === "online";
  const range = (RANGES as readonly string[]).includes(wanted ?? "") && (wanted !== "1D" || intraday) ? (wanted as Range) : DEFAULT_RANGE;
  const symbol = parseSymbol(raw);
  if (!symbol) notFound();
  // One address per stock: /stock/aapl becomes /stock/AAPL.
  if (safeDecode(raw) !== symbol) redirect(`/stock/${encodeURIComponent(symbol)}${range !== DEFAULT_RANGE ? `?range=${range}` : ""}`);

  // The quote decides whether the symbol exists; the rest may fail on its own without hiding the page.
  // No loading.tsx on purpose: a route-level Suspense boundary would send 200 before notFound() can set 404.
  const [stock, overview, series, user] = await Promise.all([
    getStock({ symbol }).catch((err: unknown) => {
      if (isMissing(err)) return null;
      // No provider answers, or this symbol's stored data failed validation: say so, not the error page.
      if (isUnavailable(err)) return "unavailable" as const;
      throw err;
    }),
    getOverview({ symbol }).catch(() => null),
    getTimeseries({ symbol, range }).catch(() => undefined),
    sessionUser(),
  ]);
  if (!stock) notFound();
  if (stock === "unavailable") return <MarketDataUnavailable symbol={symbol} />;
  // Whether models are ready decides between the forecast and a "Train models" button: a visit never trains.
  const readiness = user?.id ? await forecastReadiness({ symbol: stock.symbol }).catch(() => null) : null;
  const lists = user ? await listWatchlists({ userId: user.id }).catch(() => null) : null;

  return (
    <div className="flex flex-col gap-6">
      <UrlCorrections notes={wanted !== undefined && wanted !== range ? [rangeCorrection(wanted, range)] : []} />
      <StockHeader stock={stock} name={overview?.name} exchange={overview?.exchange} stream={intraday} />
      {lists && <WatchlistToggle symbol={stock.symbol} initial={lists.watchlists.map((w) => ({ id: w.id, name: w.name, symbols: w.symbols }))} />}
      <ForecastResultProvider>
        <StockForecastHeadline symbol={stock.symbol} signedIn={Boolean(user?.id)} />
        <ForecastOverlayProvider>
          <PriceChart symbol={stock.symbol} initial={series} defaultRange={range} intraday={intraday} previousClose={stock.previousClose} />
          <ForecastSection symbol={stock.symbol} signedIn={Boolean(user?.id)} history={stock.history} trained={readiness?.trained ?? true} estimateSec={readiness?.estimateSec ?? null} />
        </ForecastOverlayProvider>
      </ForecastResultProvider>
      {overview ? (
        <CompanyOverview overview={overview} />
      ) : (
        <p className="rounded-xl border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No company overview is available for {stock.symbol} from the configured providers.
        </p>
      )}
      <Suspense fallback={<div className="h-40 animate-pulse rounded-xl bg-zinc-200/70 dark:bg-zinc-800/70" aria-label="Loading news" />}>
        <CompanyNews symbol={stock.symbol} />
      </Suspense>
    </div>
  );
}
