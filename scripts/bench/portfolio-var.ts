// `npm run bench:portfolio-var`: the portfolio VaR/ES backtest on the shipped data set, the figures in
// docs/portfolios.md. Each portfolio is held at fixed equal weights over the shipped history; every
// holding's volatility plan is the forecast engine's (as training makes it, from no stored fits), and the
// figure at each origin uses only data before it. Prints JSON: per portfolio, horizon and level the VaR and
// ES at the last close and the backtest (origins, exceptions, coverage, Kupiec p, traffic light, ES ratio).
import { readSeriesCsv } from "../../src/server/forecast/data";
import { shippedMarketVariance } from "../../src/server/forecast";
import { alignForRisk, portfolioRisk, volPathsOf, type VolPaths } from "../../src/server/forecast/portfolio-risk";
import { listSymbols } from "../../src/server/forecast/data";

const PORTFOLIOS: Record<string, string[]> = {
  "Two stocks (AAPL, JNJ)": ["AAPL", "JNJ"],
  "Tech five (AAPL, MSFT, NVDA, AMD, ADBE)": ["AAPL", "MSFT", "NVDA", "AMD", "ADBE"],
  "Defensive five (JNJ, WMT, COST, UNH, JPM)": ["JNJ", "WMT", "COST", "UNH", "JPM"],
  "Universe (all 23 shipped stocks)": listSymbols(),
};

const market = shippedMarketVariance();
const plans = new Map<string, { paths: VolPaths; ms: number }>();
function pathsOf(symbol: string) {
  if (!plans.has(symbol)) {
    const t0 = performance.now();
    const paths = volPathsOf({ series: readSeriesCsv({ symbol }), market });
    plans.set(symbol, { paths, ms: performance.now() - t0 });
  }
  return plans.get(symbol)!.paths;
}

const round = (x: number, d = 4) => Number(x.toFixed(d));
const out: unknown[] = [];
for (const [name, symbols] of Object.entries(PORTFOLIOS)) {
  const series = symbols.map((symbol) => readSeriesCsv({ symbol }));
  const paths = symbols.map(pathsOf);
  const { dates, inputs } = alignForRisk({ series, paths, weights: new Map(symbols.map((s) => [s, 1 / symbols.length])) });
  const t0 = performance.now();
  const risk = portfolioRisk({ dates, series: inputs });
  const joinMs = performance.now() - t0;
  out.push({
    portfolio: name,
    asOf: risk.asOf,
    shrinkage: risk.correlation && round(risk.correlation.shrinkage),
    meanCorrelation: risk.correlation && round(risk.correlation.meanCorrelation),
    joinSeconds: round(joinMs / 1000, 1),
    horizons: risk.horizons.map((h) => ({
      horizon: h.horizon,
      backtest: h.backtest && { from: h.backtest.from, to: h.backtest.to, origins: h.backtest.origins },
      levels: h.backtest?.levels.map((l, j) => ({
        level: l.level,
        var: h.current ? round(h.current[j].var) : null,
        es: h.current ? round(h.current[j].es) : null,
        exceptions: l.exceptions,
        expected: round(l.expectedExceptions, 1),
        coverage: round(l.coverage),
        kupiecP: round(l.kupiecPValue, 3),
        zone: `${l.zone.zone} (${l.zone.exceptions} in ${l.zone.origins})`,
        esRatio: l.esRatio === null ? null : round(l.esRatio, 2),
      })),
      reason: h.reason,
    })),
  });
}
const planSeconds = [...plans.values()].reduce((s, p) => s + p.ms, 0) / 1000;
console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), volatilityPlans: plans.size, planSeconds: round(planSeconds, 1), portfolios: out }, null, 1));
