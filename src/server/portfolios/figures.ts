// A portfolio's figures from its transactions and the latest closes: holdings, value, gains and weights.
// Cost is the average cost of the shares held (buy fees included in it); a sale realises its proceeds less
// its fees less the average cost of the shares sold. Pure: prices come in, nothing is read.

export interface Trade {
  /** ISO date. */
  date: string;
  symbol: string;
  /** Shares; negative for a sell. */
  quantity: number;
  price: number;
  fees: number;
}

export interface Holding {
  symbol: string;
  name: string | null;
  sector: string;
  quantity: number;
  /** Average cost per share held, buy fees included. */
  averageCost: number;
  costBasis: number;
  lastClose: number;
  value: number;
  /** Share of the portfolio's value. */
  weight: number;
  unrealisedGain: number;
  realisedGain: number;
  fees: number;
}

export interface PortfolioFigures {
  value: number;
  costBasis: number;
  gains: { realised: number; unrealised: number; total: number; fees: number };
  holdings: Holding[];
  /** Symbols once held and now sold out: only their realised gains remain. */
  closed: { symbol: string; realisedGain: number; fees: number }[];
  sectors: { sector: string; value: number; weight: number }[];
}

/** A quantity left over by floating-point sums of fractional shares is no holding. */
const DUST = 1e-9;
export const UNCLASSIFIED = "Not classified";

interface Position {
  quantity: number;
  cost: number;
  realised: number;
  fees: number;
}

/** Positions after every trade, in date order (trades of one day in their given order). */
export function positionsOf(trades: readonly Trade[]): Map<string, Position> {
  const out = new Map<string, Position>();
  const ordered = trades.map((t, i) => ({ t, i })).sort((a, b) => (a.t.date < b.t.date ? -1 : a.t.date > b.t.date ? 1 : a.i - b.i));
  for (const { t } of ordered) {
    const p = out.get(t.symbol) ?? { quantity: 0, cost: 0, realised: 0, fees: 0 };
    p.fees += t.fees;
    if (t.quantity > 0) {
      p.cost += t.quantity * t.price + t.fees;
      p.quantity += t.quantity;
    } else {
      const sold = Math.min(-t.quantity, p.quantity);
      const avg = p.quantity > DUST ? p.cost / p.quantity : 0;
      p.realised += sold * t.price - t.fees - sold * avg;
      p.cost -= sold * avg;
      p.quantity -= sold;
      if (p.quantity < DUST) {
        p.quantity = 0;
        p.cost = 0;
      }
    }
    out.set(t.symbol, p);
  }
  return out;
}

export function portfolioFigures({
  trades,
  lastClose,
  meta,
}: {
  trades: readonly Trade[];
  lastClose: ReadonlyMap<string, number>;
  meta: ReadonlyMap<string, { name: string; sector: string }>;
}): PortfolioFigures {
  const positions = positionsOf(trades);
  const open = [...positions].filter(([, p]) => p.quantity > DUST);
  const value = open.reduce((s, [sym, p]) => s + p.quantity * (lastClose.get(sym) ?? 0), 0);
  const holdings: Holding[] = open
    .map(([symbol, p]) => {
      const close = lastClose.get(symbol) ?? 0;
      const v = p.quantity * close;
      return {
        symbol,
        name: meta.get(symbol)?.name ?? null,
        sector: meta.get(symbol)?.sector ?? UNCLASSIFIED,
        quantity: p.quantity,
        averageCost: p.cost / p.quantity,
        costBasis: p.cost,
        lastClose: close,
        value: v,
        weight: value > 0 ? v / value : 0,
        unrealisedGain: v - p.cost,
        realisedGain: p.realised,
        fees: p.fees,
      };
    })
    .sort((a, b) => b.value - a.value || a.symbol.localeCompare(b.symbol));
  const closed = [...positions].filter(([, p]) => p.quantity <= DUST).map(([symbol, p]) => ({ symbol, realisedGain: p.realised, fees: p.fees }));
  const realised = [...positions.values()].reduce((s, p) => s + p.realised, 0);
  const unrealised = holdings.reduce((s, h) => s + h.unrealisedGain, 0);
  const fees = [...positions.values()].reduce((s, p) => s + p.fees, 0);
  const bySector = new Map<string, number>();
  for (const h of holdings) bySector.set(h.sector, (bySector.get(h.sector) ?? 0) + h.value);
  const sectors = [...bySector]
    .map(([sector, v]) => ({ sector, value: v, weight: value > 0 ? v / value : 0 }))
    .sort((a, b) => b.value - a.value || a.sector.localeCompare(b.sector));
  return {
    value,
    costBasis: holdings.reduce((s, h) => s + h.costBasis, 0),
    gains: { realised, unrealised, total: realised + unrealised, fees },
    holdings,
    closed,
    sectors,
  };
}
