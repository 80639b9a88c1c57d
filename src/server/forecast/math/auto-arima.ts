// Automatic ARIMA order selection in the Hyndman-Khandakar stepwise style of R's auto.arima and
// pmdarima's auto_arima: d from repeated KPSS tests, then a local search over (p, q, mean) by AICc
// starting from (2,d,2), (0,d,0), (1,d,0), (0,d,1), moving to any +-1 neighbour that improves.
import { fitArima, type ArimaFit } from "./arima";
import { ndiffsKpss } from "./kpss";

export interface AutoArimaOptions {
  maxP?: number;
  maxQ?: number;
  /** Upper bound on p + q. */
  maxOrder?: number;
  maxD?: number;
  /** Skip the unit-root tests and use this d. */
  d?: number;
  ic?: "aicc" | "aic" | "bic";
  /** Cap on the number of models fitted. */
  maxModels?: number;
}

export interface AutoArimaResult {
  best: ArimaFit;
  d: number;
  /** Every model tried, in order, with its criterion (Infinity when rejected). */
  tried: { p: number; q: number; withMean: boolean; ic: number }[];
}

/** Fits whose AR or MA part sits on the unit circle give unreliable forecasts; auto.arima drops them too. */
const MAX_PACF = 0.999;

export function autoArima({ y, ...opts }: { y: ArrayLike<number> } & AutoArimaOptions): AutoArimaResult {
  const maxP = opts.maxP ?? 5;
  const maxQ = opts.maxQ ?? 5;
  const maxOrder = opts.maxOrder ?? 5;
  const maxModels = opts.maxModels ?? 60;
  const icName = opts.ic ?? "aicc";
  const d = opts.d ?? ndiffsKpss(y, opts.maxD ?? 2);
  // A mean of the d-th difference is a level (d = 0) or drift (d = 1); with d = 2 it would be a
  // quadratic trend, which auto.arima also excludes.
  const allowMean = d <= 1;
  const fits = new Map<string, ArimaFit | null>();
  const tried: AutoArimaResult["tried"] = [];
  const icOf = (f: ArimaFit | null) => (f ? f[icName] : Infinity);

  const attempt = (p: number, q: number, withMean: boolean): ArimaFit | null => {
    const key = `${p},${q},${withMean}`;
    if (fits.has(key)) return fits.get(key) ?? null;
    if (p < 0 || q < 0 || p > maxP || q > maxQ || p + q > maxOrder || (withMean && !allowMean)) return null;
    if (fits.size >= maxModels) return null;
    let fit: ArimaFit | null = null;
    try {
      // Loose tolerance and pmdarima's 50-iteration cap while searching; the winner is polished below.
      fit = fitArima({ y, order: { p, d, q }, withMean, gtol: 1e-5, maxIter: 50, central: false });
      if (!Number.isFinite(fit[icName]) || fit.maxPacf > MAX_PACF) fit = null;
    } catch {
      fit = null;
    }
    fits.set(key, fit);
    tried.push({ p, q, withMean, ic: icOf(fit) });
    return fit;
  };

  let best: ArimaFit | null = null;
  const consider = (f: ArimaFit | null): boolean => {
    if (f && (!best || icOf(f) < icOf(best) - 1e-9)) {
      best = f;
      return true;
    }
    return false;
  };
  for (const [p, q] of [
    [2, 2],
    [0, 0],
    [1, 0],
    [0, 1],
  ])
    consider(attempt(p, q, allowMean));
  if (allowMean) consider(attempt(0, 0, false));

  let improved = true;
  while (improved && best) {
    improved = false;
    const { p, q, withMean } = best as ArimaFit;
    const moves: [number, number, boolean][] = [
      [p - 1, q, withMean],
      [p + 1, q, withMean],
      [p, q - 1, withMean],
      [p, q + 1, withMean],
      [p - 1, q - 1, withMean],
      [p + 1, q + 1, withMean],
      [p - 1, q + 1, withMean],
      [p + 1, q - 1, withMean],
      [p, q, !withMean],
    ];
    for (const [np, nq, nm] of moves) {
      if (consider(attempt(np, nq, nm))) {
        improved = true;
        break;
      }
    }
  }
  const chosen: ArimaFit = best ?? fitArima({ y, order: { p: 0, d, q: 0 }, withMean: false });
  const polished = fitArima({ y, order: chosen, withMean: chosen.withMean, gtol: 1e-8, start: chosen.x });
  return { best: polished.llf >= chosen.llf ? polished : chosen, d, tried };
}
