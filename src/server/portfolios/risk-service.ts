// GET /api/portfolios/{id}/risk: the portfolio's VaR and ES with their walk-forward backtest. The CPU work
// (each holding's volatility plan, then the simulation at every held-out origin) runs in the worker pool
// beside the web server, never on the thread serving HTTP; the answer is cached until the holdings or the
// closes change.
import "server-only";
import { createHash } from "node:crypto";
import { cache } from "@/lib/cache";
import { conflict, forbidden } from "@/lib/errors";
import type { Principal } from "@/server/auth";
import { loadStoredVolatility, saveStoredVolatility } from "@/server/registry";
import { assertTrainable, loadHistory } from "@/server/price-history";
import { type RiskTask, trainPool } from "@/server/training";
import { alignForRisk, type PortfolioRisk, RISK_DEFAULTS, RISK_LEVELS, type VolPaths } from "@/server/forecast/portfolio-risk";
import type { PortfolioRiskAnswer } from "./risk-schemas";
import { getPortfolio } from "./service";

const RISK_TTL_SEC = 6 * 60 * 60;
/** Bump when the method changes: cached answers made the old way are not served. */
const METHOD_VERSION = 1;

async function run<T>(task: RiskTask, subject: string): Promise<T> {
  const pool = trainPool();
  if (pool) return pool.run<T>(task as unknown as Record<string, unknown>, { lane: "person", label: { subject, what: "portfolio risk" } });
  const { riskHere } = await import("@/server/training");
  return riskHere(task) as T;
}

type View = Awaited<ReturnType<typeof getPortfolio>>;

async function compute(view: View) {
  const started = performance.now();
  const symbols = view.holdings.map((h) => h.symbol);
  const histories: Awaited<ReturnType<typeof loadHistory>>[] = [];
  for (const symbol of symbols) {
    const h = await loadHistory({ symbol });
    // A holding too short for a forecast has no calibrated distribution to join (409, in words).
    assertTrainable({ series: h.series });
    histories.push(h);
  }
  const stored = await Promise.all(symbols.map((symbol) => loadStoredVolatility({ symbol })));
  // One task per holding: with two threads, two plans at once.
  const paths = await Promise.all(histories.map((h, i) => run<VolPaths>({ volPaths: { series: h.series, volStored: stored[i] } }, h.series.symbol)));
  // The plans' fits are the forecast engine's: kept for the next risk figure and the next training alike.
  await Promise.all(paths.map((p, i) => saveStoredVolatility({ symbol: symbols[i], before: stored[i], update: p.store })));
  const { dates, inputs } = alignForRisk({ series: histories.map((h) => h.series), paths, weights: new Map(view.holdings.map((h) => [h.symbol, h.weight])) });
  if (dates.length < 2) throw conflict("These holdings share too few trading days to measure their risk together");
  const risk = await run<PortfolioRisk>({ portfolioRisk: { dates, series: inputs } }, view.name);
  return shape({ view, risk, source: histories[0].source, ms: performance.now() - started });
}

function shape({ view, risk, source, ms }: { view: View; risk: PortfolioRisk; source: string; ms: number }): PortfolioRiskAnswer {
  const value = view.value;
  return {
    portfolioId: view.id,
    asOf: risk.asOf,
    source,
    value,
    currency: "USD" as const,
    weights: view.holdings.map((h) => ({ symbol: h.symbol, weight: h.weight })),
    horizons: risk.horizons.map((h) => ({
      horizon: h.horizon,
      tradingDays: h.days,
      origin: h.origin,
      levels: (h.current ?? []).map((f, j) => {
        const b = h.backtest!.levels[j];
        return {
          level: f.level,
          var: f.var,
          varAmount: f.var * value,
          es: f.es,
          esAmount: f.es * value,
          backtest: { origins: b.origins, exceptions: b.exceptions, expectedExceptions: b.expectedExceptions, coverage: b.coverage, kupiecPValue: b.kupiecPValue, baselZone: b.zone, esRatio: b.esRatio },
        };
      }),
      backtest: h.backtest ? { from: h.backtest.from, to: h.backtest.to, origins: h.backtest.origins, recent: h.backtest.recent } : null,
      reason: h.reason,
    })),
    correlation: risk.correlation,
    method: {
      marginals: "Each holding's calibrated baseline forecast: its volatility model's sd of the h-day return times the standardized outcomes of its last forecasts",
      dependence: "Gaussian copula with the Ledoit–Wolf shrunk (toward constant correlation) correlation of the holdings' standardized daily outcomes",
      draws: RISK_DEFAULTS.draws,
      calibrationWindow: RISK_DEFAULTS.window,
      refitEvery: RISK_DEFAULTS.refitEvery,
    },
    computedMs: Math.round(ms),
  };
}


export async function portfolioRiskFor({ principal, id }: { principal: Principal; id: string }): Promise<PortfolioRiskAnswer> {
  if (!principal.userId) throw forbidden("Portfolios belong to an account; the admin key has none");
  const view = await getPortfolio({ userId: principal.userId, id });
  if (view.holdings.length === 0) throw conflict("This portfolio holds nothing now: add or import transactions first");
  // Same holdings and the same closes: the same figure. Levels are part of the method version.
  const key = createHash("sha256")
    .update(JSON.stringify([METHOD_VERSION, RISK_LEVELS, view.id, view.asOf, view.holdings.map((h) => [h.symbol, h.quantity, h.lastClose])]))
    .digest("base64url")
    .slice(0, 24);
  return (await cache.getOrSet(`portfolio-risk:${key}`, { ttlSec: RISK_TTL_SEC }, () => compute(view))).value;
}
