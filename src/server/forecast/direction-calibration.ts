// How well a model's stated "probability the price ends higher" held up on its walk-forward origins.
// At every scored origin the predictive distribution is rebuilt from what was known then (the conformal
// quantiles of residuals whose outcome had arrived, scaled by the volatility model's forecast at that
// origin, with the same adaptive conformal path as the served intervals), turned into a probability by the same function the served forecasts use, and scored.
import type { BacktestResult, HorizonBacktest } from "./backtest-records";
import { probabilityUp, quantilesOfIntervals } from "./direction-probability";
import { backtestIntervalPath, INTERVAL_DEFAULTS, LEVEL_KEYS, LEVELS } from "./intervals";
import { binomialUpperTail } from "./stats";
import { HORIZON_KEYS } from "./types";

export const RELIABILITY_EDGES = [0, 0.4, 0.45, 0.5, 0.55, 0.6, 1] as const;

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  /** Mean stated probability of "up" in the bin, null when empty. */
  meanStated: number | null;
  /** Share of those origins that did end up. */
  observedUp: number | null;
}

export interface DirectionCalibration {
  n: number;
  brier: number;
  brierBaseline: number;
  hitRate: number;
  alwaysUpRate: number;
  disagreements: number;
  wins: number;
  pValue: number;
  reliability: ReliabilityBin[];
}

/** Stated probability and outcome per scored origin (zero moves carry no direction and are left out). */
export function walkForwardProbabilities(b: HorizonBacktest, opts: { window?: number; minCalibration?: number } = {}) {
  const window = opts.window ?? INTERVAL_DEFAULTS.window;
  const minCal = opts.minCalibration ?? INTERVAL_DEFAULTS.minCalibration;
  const path = backtestIntervalPath(b, { window, minCalibration: minCal });
  const stated: number[] = [];
  const up: number[] = [];
  const priorUpShare: number[] = [];
  let known = 0;
  let knownUps = 0;
  let knownMoves = 0;
  for (let i = b.evalStart; i < b.origin.length; i++) {
    while (known < i && b.origin[known] + b.steps <= b.origin[i]) {
      if (b.actual[known] !== 0) knownMoves++;
      if (b.actual[known] > 0) knownUps++;
      known++;
    }
    if (known < minCal || b.actual[i] === 0) continue;
    const f = b.forecast[i];
    const intervals = LEVELS.map((level, j) => {
      const half = path.half[LEVEL_KEYS[j]][i];
      return { level, lower: f - half, upper: f + half };
    });
    const p = probabilityUp(quantilesOfIntervals({ median: f, intervals }));
    if (p === null) continue;
    stated.push(p);
    up.push(b.actual[i] > 0 ? 1 : 0);
    priorUpShare.push(knownMoves ? knownUps / knownMoves : 0.5);
  }
  return { stated, up, priorUpShare };
}

export function directionCalibration(b: HorizonBacktest, opts: { window?: number; minCalibration?: number } = {}): DirectionCalibration | null {
  const { stated, up, priorUpShare } = walkForwardProbabilities(b, opts);
  const n = stated.length;
  if (n === 0) return null;
  let brier = 0;
  let brierBaseline = 0;
  let hits = 0;
  let ups = 0;
  let disagreements = 0;
  let wins = 0;
  for (let i = 0; i < n; i++) {
    brier += (stated[i] - up[i]) ** 2;
    brierBaseline += (priorUpShare[i] - up[i]) ** 2;
    ups += up[i];
    // A stated 0.5 is a tie, read as "up" like the baseline; the two differ only where the model says down.
    const saysUp = stated[i] >= 0.5;
    if (saysUp === (up[i] === 1)) hits++;
    if (!saysUp) {
      disagreements++;
      if (up[i] === 0) wins++;
    }
  }
  const reliability: ReliabilityBin[] = [];
  for (let k = 1; k < RELIABILITY_EDGES.length; k++) {
    const from = RELIABILITY_EDGES[k - 1];
    const to = RELIABILITY_EDGES[k];
    let m = 0;
    let sum = 0;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const inBin = stated[i] >= from && (stated[i] < to || (k === RELIABILITY_EDGES.length - 1 && stated[i] <= to));
      if (!inBin) continue;
      m++;
      sum += stated[i];
      seen += up[i];
    }
    reliability.push({ from, to, n: m, meanStated: m ? sum / m : null, observedUp: m ? seen / m : null });
  }
  return {
    n,
    brier: brier / n,
    brierBaseline: brierBaseline / n,
    hitRate: hits / n,
    alwaysUpRate: ups / n,
    disagreements,
    wins,
    // Exact sign test on the origins where the two disagree: P(X >= wins | disagreements, 1/2).
    pValue: disagreements === 0 ? 1 : binomialUpperTail(wins, disagreements, 0.5),
    reliability,
  };
}

/** A model's direction calibration at one horizon (its steps), as a version's rows hold it. */
export type HorizonCalibration = DirectionCalibration & { horizon: number };

/** Every horizon's calibration of a backtest (computed on the training thread, beside the backtest). */
export function directionCalibrations(b: BacktestResult): HorizonCalibration[] {
  return HORIZON_KEYS.flatMap((h) => {
    const hb = b.horizons[h];
    const c = hb ? directionCalibration(hb) : null;
    return hb && c ? [{ horizon: hb.steps, ...c }] : [];
  });
}
