import "server-only";
// How long a model's training step takes on this machine, for the progress text ("about 12 s"). Measured
// steps replace the first-start prior: a running mean of the last steps per model, scaled by the bars the
// step trained on. Before any step ran, the prior (the 10-year in-process profile of 2026-12-02 in
// docs/operations.md, scaled by the data size) gives an estimate: the text never shows none.
import { availableParallelism, loadavg } from "node:os";
import { processService } from "@/lib/services";
import type { ModelName } from "@/server/forecast/vocabulary";

/** Bars of the profile the prior comes from (10 years of daily bars). */
const PRIOR_BARS = 2520;
/**
 * ms per model step for PRIOR_BARS bars: the profile's backtest + final fit, and the volatility plan (3.2 s)
 * on the first step of a symbol (the baseline's naive step).
 */
const PRIOR_MS: Record<ModelName, number> = {
  naive: 3400,
  drift: 300,
  arima: 1600,
  random_forest: 5200,
  gbt: 2100,
  lstm: 8600,
  prophet: 1200,
  ensemble: 900,
};

type Measured = Map<ModelName, { msPerBar: number; n: number }>;
const measured = (): Measured => processService("trainingStepTimes", () => new Map() as Measured);

/** Records one measured step (wall time on the thread, not the wait for it). */
export function recordStepTime({ model, ms, bars }: { model: ModelName; ms: number; bars: number }): void {
  if (!(ms > 0) || !(bars > 0)) return;
  const m = measured();
  const prev = m.get(model);
  const perBar = ms / bars;
  // A running mean over (about) the last five steps: the machine's load changes.
  const n = Math.min(5, (prev?.n ?? 0) + 1);
  m.set(model, { msPerBar: prev ? prev.msPerBar + (perBar - prev.msPerBar) / n : perBar, n });
}

/** Expected ms of one model's step for a series of `bars` bars; `measuredOnly` false falls back to the prior. */
export function expectedStepMs({ model, bars }: { model: ModelName; bars: number }): number {
  const m = measured().get(model);
  if (m) return Math.round(m.msPerBar * bars);
  // The prior scales with the bars, within reason (the backtests use a capped training window).
  const scale = Math.min(2.5, Math.max(0.4, bars / PRIOR_BARS));
  return Math.round(PRIOR_MS[model] * scale);
}

/** Expected ms of several steps. */
export const expectedMs = ({ models, bars }: { models: readonly ModelName[]; bars: number }): number =>
  models.reduce((s, model) => s + expectedStepMs({ model, bars }), 0);

/** Whole seconds for the text, at least 1. */
export const aboutSec = (ms: number): number => Math.max(1, Math.round(ms / 1000));

/** More runnable work than cores over the last minute: a wait past its estimate says the machine is busy. */
export const machineBusy = (): boolean => loadavg()[0] > availableParallelism();
