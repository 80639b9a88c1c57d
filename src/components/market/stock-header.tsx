// Top of the stock page: name, price, day change, previous close and the provenance badge.
import type { StockResponse } from "@/server/market/types";
import { changeTone, formatChange, formatPercent, formatPrice } from "@/components/lib/format";
import { SourceBadge } from "./source-badge";

export function StockHeader({ stock, name, exchange }: { stock: StockResponse; name?: string; exchange?: string }) {
  return (
    <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {exchange ? `${exchange}: ` : ""}
          {stock.symbol}
        </p>
        <h1 className="truncate text-2xl font-semibold tracking-tight sm:text-3xl">{name ?? stock.symbol}</h1>
        <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className="text-3xl font-semibold tabular-nums" data-testid="stock-price">
            {formatPrice(stock.price)}
          </span>
          <span className={`text-base font-medium tabular-nums ${changeTone(stock.change)}`} data-testid="stock-change">
            {formatChange(stock.change)} ({formatPercent(stock.changePercent)})
          </span>
        </div>
        <p className="mt-1 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          Previous close <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatPrice(stock.previousClose)}</span>
        </p>
      </div>
      <SourceBadge provenance={stock} className="self-start sm:self-end" />
    </header>
  );
}
