"use client";
// Top of the stock page: name, price, day change, previous close and the provenance badge. With a live
// provider configured the price follows the quotes stream; on the shipped data set there is no stream and
// the header says the prices are historical.
import { useEffect, useState } from "react";
import type { StockResponse } from "@/server/market/types";
import { changeTone, formatAsOf, formatChange, formatPercent, formatPrice } from "@/components/lib/format";
import { applyQuote, subscribeQuotes, type StreamStatus } from "./quote-stream";
import { SourceBadge } from "./source-badge";

/** `stream`: a live market-data provider is configured, so newer quotes can arrive. */
export function StockHeader({ stock: initial, name, exchange, stream = false }: { stock: StockResponse; name?: string; exchange?: string; stream?: boolean }) {
  const [stock, setStock] = useState(initial);
  const [status, setStatus] = useState<StreamStatus>("connecting");
  useEffect(() => {
    setStock(initial);
    if (!stream || typeof EventSource === "undefined") return;
    return subscribeQuotes({ symbol: initial.symbol, onQuote: (q) => setStock((s) => applyQuote(s, q)), onStatus: setStatus });
  }, [initial, stream]);

  return (
    <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {exchange ? `${exchange}: ` : ""}
          {stock.symbol}
        </p>
        <h1 className="truncate text-2xl font-semibold tracking-tight sm:text-3xl">{name ?? stock.symbol}</h1>
        <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className="text-3xl font-semibold tabular-nums" data-testid="stock-price" data-time={stock.time}>
            {formatPrice(stock.price)}
          </span>
          <span className={`text-base font-medium tabular-nums ${changeTone(stock.change)}`} data-testid="stock-change">
            {formatChange(stock.change)} ({formatPercent(stock.changePercent)})
          </span>
        </div>
        <p className="mt-1 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          Previous close <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatPrice(stock.previousClose)}</span>
        </p>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="quote-mode" data-mode={stock.historical ? "historical" : stream ? status : "snapshot"}>
          {stock.historical
            ? `Historical data: prices from the data set shipped with the app, as of ${formatAsOf(stock.asOf)}. Not live.`
            : !stream
              ? "Price when this page loaded."
              : status === "live"
                ? "Live: the price updates as new quotes arrive."
                : status === "reconnecting"
                  ? "Reconnecting to live quotes…"
                  : status === "closed"
                    ? "Live updates are not available right now; this is the price when the page loaded."
                    : "Connecting to live quotes…"}
        </p>
      </div>
      <SourceBadge provenance={stock} className="self-start sm:self-end" />
    </header>
  );
}
