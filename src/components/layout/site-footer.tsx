// Footer: where the numbers come from and what forecasts are not.
export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-xs text-zinc-500 sm:px-6 dark:text-zinc-400">
        <p>
          Market data: Finnhub, Polygon and Alpha Vantage where the site has their keys, Yahoo Finance (15-min delayed) while
          it is online, otherwise the historical data set shipped with Stock Hub (daily bars, not live). News: Finnhub and Alpha
          Vantage; company filings: SEC EDGAR. Every price on screen is labelled with its source and as-of time.
        </p>
        <p>
          Forecasts are statistical estimates with measured, out-of-sample error; they are not investment advice. Charts by{" "}
          <a className="underline hover:text-zinc-700 dark:hover:text-zinc-200" href="https://www.tradingview.com/lightweight-charts/" target="_blank" rel="noopener noreferrer">
            TradingView Lightweight Charts
          </a>
          .
        </p>
      </div>
    </footer>
  );
}
