// The market term's data: the range variance averaged over the shipped data set's tickers by date, read
// once per process. Dates the set does not cover (live bars after it ends) have no market value, and the
// HAR model then uses its fit without the term.
import { defaultDataDir, listSymbols, readSeriesCsv } from "../data";
import { marketVariance, type MarketVariance } from "./range";

let memo: MarketVariance | undefined;

export function shippedMarketVariance(): MarketVariance {
  if (memo) return memo;
  try {
    const dir = defaultDataDir();
    memo = marketVariance(listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol })));
  } catch {
    // No data folder where the process runs (a bundle without data/): the term is left out.
    memo = new Map();
  }
  return memo;
}
