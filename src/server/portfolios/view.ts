// One portfolio as the API and the page show it: its transactions, and the figures made from them and the
// latest closes (value, gains, weights, sector mix) with the comparison against the universe.
import "server-only";
import { compareWithBenchmark } from "./benchmark";
import { portfolioFigures } from "./figures";
import { closesOf, companyFacts, universeCloses } from "./market-data";
import type { PortfolioView } from "./schemas";

export interface StoredTrade {
  id: string;
  date: string;
  symbol: string;
  quantity: number;
  price: number;
  fees: number;
  position: number;
}

export async function portfolioView({ portfolio, trades }: { portfolio: { id: string; name: string; createdAt: Date; updatedAt: Date }; trades: StoredTrade[] }): Promise<PortfolioView> {
  const symbols = [...new Set(trades.map((t) => t.symbol))].sort();
  const closes = await closesOf({ symbols });
  const lastClose = new Map([...closes].map(([s, c]) => [s, c.close[c.close.length - 1]]));
  const figures = portfolioFigures({ trades, lastClose, meta: companyFacts() });
  const held = figures.holdings.map((h) => closes.get(h.symbol)!).filter(Boolean);
  const asOf = held.length ? held.map((c) => c.dates[c.dates.length - 1]).sort()[0] : null;
  const benchmark = trades.length && closes.size ? compareWithBenchmark({ trades, traded: [...closes.values()], universe: await universeCloses() }) : null;
  return {
    id: portfolio.id,
    name: portfolio.name,
    createdAt: portfolio.createdAt.toISOString(),
    updatedAt: portfolio.updatedAt.toISOString(),
    currency: "USD" as const,
    asOf,
    source: held[0]?.source ?? null,
    ...figures,
    benchmark,
    transactions: trades.map(({ id, date, symbol, quantity, price, fees }) => ({ id, date, symbol, quantity, price, fees })),
  };
}
