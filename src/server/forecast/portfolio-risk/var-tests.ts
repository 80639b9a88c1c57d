// How a value-at-risk forecast is judged on held-out days: Kupiec's proportion-of-failures test (the forecast
// engine's own, forecast/scores.ts) and the Basel Committee's traffic light (1996 supervisory framework for
// backtesting: 250 days of 99% 1-day VaR, green 0-4 exceptions, yellow 5-9, red 10+). The unit tests check
// them against scipy (scripts/golden/portfolio_risk_golden.py).
import { kupiec } from "../scores";
import { binomialUpperTail } from "../stats";

/** P(X <= x) for X ~ Binomial(n, p). */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  return 1 - binomialUpperTail(x + 1, n, p);
}

/** Kupiec's POF likelihood ratio and p-value (chi-squared, 1 df): a small p-value says the miss rate is off. */
export function kupiecPof({ exceptions, n, level }: { exceptions: number; n: number; level: number }): { lr: number; pValue: number } {
  const r = kupiec({ n, misses: exceptions, level });
  return { lr: r.lr, pValue: r.pValue };
}

export type BaselZone = "green" | "yellow" | "red";

/**
 * The traffic-light zone of an exception count: green while the count is one a correct model reaches with
 * cumulative probability below 95%, yellow below 99.99%, red beyond. At 250 days and 99% these are Basel's
 * 0-4 / 5-9 / 10+; other levels and window lengths get the same probability cut-offs.
 */
export function baselZone({ exceptions, n, level }: { exceptions: number; n: number; level: number }): BaselZone {
  const cdf = binomialCdf(exceptions, n, 1 - level);
  if (cdf < 0.95) return "green";
  if (cdf < 0.9999) return "yellow";
  return "red";
}

/** Exception counts at which the zone turns yellow and red, for the page's plain-words explanation. */
export function zoneThresholds({ n, level }: { n: number; level: number }): { yellowFrom: number; redFrom: number } {
  let yellowFrom = n + 1;
  let redFrom = n + 1;
  for (let x = 0; x <= n; x++) {
    const z = baselZone({ exceptions: x, n, level });
    if (z !== "green" && yellowFrom > n) yellowFrom = x;
    if (z === "red") {
      redFrom = x;
      break;
    }
  }
  return { yellowFrom, redFrom };
}
