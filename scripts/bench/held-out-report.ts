// The held-out-ticker half of `npm run bench:models` (issue 21 item 2): the settings the engine chooses on the
// development window (interval settings, ensemble weights) are chosen again per fold of tickers on the other
// folds' development windows only (src/server/forecast/held-out.ts), and each fold's tickers are scored on the
// scored window with their fold's choice. Beside it, the same tickers scored with the shipped settings (chosen
// on all of them). Both sides pool the same scored origins.
import { type BacktestResult, baselOf, ENSEMBLE_WEIGHTS, ensembleBacktest, heldOutSelections, type HorizonBacktest, type IntervalOptions, isShippedIntervals, scoredArrays, type ScoredIntervals, scoreIntervals, type Selection, selectOn, summarizeIntervals, tickerFolds, type Weights } from "../../src/server/forecast";
import { devTickers } from "./dev-cache";
import { BASE_MODELS, getModelSpec } from "../../src/server/forecast/model-list";
import { HORIZON_KEYS, type HorizonKey, type ModelName, type PriceSeries } from "../../src/server/forecast/vocabulary";

const r4 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(4)));

/** Scored intervals plus the point errors (sum of |error| and of |naive error|, log returns) of the same origins. */
type Scored = ScoredIntervals & { absErr: number; naiveAbsErr: number };
function scoreOf(b: HorizonBacktest, opts: IntervalOptions & { reference?: boolean }): Scored {
  const s = scoredArrays(b);
  let absErr = 0;
  let naiveAbsErr = 0;
  for (let i = 0; i < s.forecast.length; i++) {
    absErr += Math.abs(s.actualRet[i] - s.forecast[i]);
    naiveAbsErr += Math.abs(s.actualRet[i]);
  }
  return { ...scoreIntervals(b, opts), absErr, naiveAbsErr };
}

function figures(list: Scored[]) {
  const s = summarizeIntervals(list);
  const zones = list.map(baselOf).filter((z) => z !== null);
  const sum = (f: (x: Scored) => number) => list.reduce((a, x) => a + f(x), 0);
  return { n: s.n, maeRatio: r4(sum((x) => x.absErr) / sum((x) => x.naiveAbsErr)), basel: zones.length ? { green: zones.filter((z) => z.zone === "green").length, yellow: zones.filter((z) => z.zone === "yellow").length, red: zones.filter((z) => z.zone === "red").length } : null, coverage80: r4(s.coverage["80"]), coverage95: r4(s.coverage["95"]), coverage99: r4(s.coverage["99"]), winkler95: r4(s.winkler["95"]), crps: r4(s.crps), coverage95ByVolTercile: s.coverage95ByVolTercile.map(r4), coverage80ByVolTercile: s.coverage80ByVolTercile.map(r4), christoffersen95P: r4(s.christoffersen95P) };
}

const sameWeights = (a: Record<HorizonKey, Weights>, b: Record<HorizonKey, Weights>) => HORIZON_KEYS.every((h) => JSON.stringify(Object.entries(a[h]).sort()) === JSON.stringify(Object.entries(b[h]).sort()));

/**
 * `scored`: each ticker's scored-window backtests from the main run (every requested model, and the ensemble's
 * members when the ensemble is requested). `series`: the full series of those tickers.
 */
export async function heldOutReport(o: { series: PriceSeries[]; scored: Map<string, BacktestResult[]>; names: readonly ModelName[]; folds?: number; devCache?: string; log: (m: string) => void }) {
  const tickers = o.series.map((s) => s.symbol);
  const wantEnsemble = o.names.includes("ensemble");
  // Naive alone chooses the interval settings; the ensemble's weights need every member's backtest.
  const specs = wantEnsemble ? [...BASE_MODELS] : [getModelSpec("naive")];
  const t0 = performance.now();
  const dev = await devTickers({ series: o.series, specs, cache: o.devCache, log: o.log });
  const shippedChoice = selectOn(dev, tickers);
  const folds = heldOutSelections(dev, tickerFolds(tickers, o.folds ?? 4));
  o.log(`selection on all ${tickers.length} development windows and ${folds.length} folds: ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // The shipped side: the same rule applied to every ticker's development window (what the engine's constants
  // are a frozen copy of; the flags below say whether they still agree).
  const shipped = { intervals: shippedChoice.intervals, weights: shippedChoice.weights };
  const foldOf = new Map<string, Selection>();
  for (const f of folds) for (const s of f.heldOut) foldOf.set(s, f.selection);

  const horizonsOf = (symbol: string, name: ModelName, weights: Record<HorizonKey, Weights>): Partial<Record<HorizonKey, HorizonBacktest>> | undefined => {
    const list = o.scored.get(symbol) ?? [];
    if (name === "ensemble") return ensembleBacktest({ members: list.filter((m) => m.model !== "ensemble"), weights }).horizons;
    return list.find((m) => m.model === name)?.horizons;
  };
  const models = o.names.map((name) => {
    const horizons = Object.fromEntries(
      HORIZON_KEYS.map((h) => {
        const a: Scored[] = [];
        const b: Scored[] = [];
        for (const symbol of tickers) {
          const sel = foldOf.get(symbol)!;
          const x = horizonsOf(symbol, name, shipped.weights)?.[h];
          const y = horizonsOf(symbol, name, sel.weights)?.[h];
          if (x) a.push(scoreOf(x, shipped.intervals));
          if (y) b.push(scoreOf(y, sel.intervals));
        }
        return [h, { shipped: figures(a), heldOut: figures(b) }];
      }),
    );
    return { name, horizons };
  });
  // The reference (EWMA, plain conformal on 250 scores) does not depend on any chosen setting.
  const reference = Object.fromEntries(HORIZON_KEYS.map((h) => [h, figures(tickers.flatMap((s) => { const x = horizonsOf(s, "naive", shipped.weights)?.[h]; return x ? [scoreOf(x, { reference: true })] : []; }))]));
  const naive = models.find((m) => m.name === "naive");
  const ratio = (side: "shipped" | "heldOut", h: HorizonKey) => r4((naive?.horizons[h][side].winkler95 ?? NaN) / (reference[h].winkler95 ?? NaN));
  const naiveW95VsReference = naive
    ? Object.fromEntries(HORIZON_KEYS.map((h) => [h, { shipped: ratio("shipped", h), heldOut: ratio("heldOut", h), heldOutOverShipped: r4((ratio("heldOut", h) ?? NaN) / (ratio("shipped", h) ?? NaN)) }]))
    : null;
  return {
    method: `${folds.length} folds of tickers (sorted, dealt round-robin); each fold's settings chosen on the development window (bars up to 2022-03-04) of the other folds' tickers, market term from those tickers only; scored on the fold's tickers' scored window`,
    shippedSelection: {
      intervals: shippedChoice.intervals,
      weights: shippedChoice.weights,
      devCrps: shippedChoice.crps,
      matchesShippedIntervals: isShippedIntervals(shippedChoice.intervals),
      matchesShippedWeights: !wantEnsemble || sameWeights(shippedChoice.weights, ENSEMBLE_WEIGHTS),
    },
    folds: folds.map((f) => ({ heldOut: f.heldOut, intervals: f.selection.intervals, weights: f.selection.weights, devCrps: f.selection.crps })),
    naiveW95VsReference,
    models,
  };
}

export type HeldOutReport = Awaited<ReturnType<typeof heldOutReport>>;

export function logHeldOut(r: HeldOutReport, log: (m: string) => void) {
  log(`\nheld-out tickers (${r.method}):`);
  log(`choice on all development windows: intervals ${JSON.stringify(r.shippedSelection.intervals)} (shipped: ${r.shippedSelection.matchesShippedIntervals}), ensemble weights ${JSON.stringify(r.shippedSelection.weights)} (shipped: ${r.shippedSelection.matchesShippedWeights})`);
  for (const f of r.folds) log(`fold ${f.heldOut.join(",")}: intervals ${JSON.stringify(f.intervals)}, weights ${JSON.stringify(f.weights)}`);
  if (r.naiveW95VsReference) log(`naive 95% Winkler / reference, shipped vs held-out: ${HORIZON_KEYS.map((h) => `${h} ${r.naiveW95VsReference![h].shipped} vs ${r.naiveW95VsReference![h].heldOut}`).join("  ")}`);
  log("model      h   shipped: cov80 cov95 W95 CRPS terciles   | held-out: cov80 cov95 W95 CRPS terciles");
  for (const m of r.models) {
    for (const h of HORIZON_KEYS) {
      const a = m.horizons[h].shipped;
      const b = m.horizons[h].heldOut;
      const row = (x: typeof a) => `${x.coverage80} ${x.coverage95} ${x.winkler95} ${x.crps} ${x.coverage95ByVolTercile.join("/")}`;
      log(`${m.name.padEnd(10)} ${h.padEnd(3)} ${row(a)} | ${row(b)}`);
    }
  }
}
