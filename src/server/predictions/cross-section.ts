import "server-only";
// The weekly cross-sectional forecast of the shipped universe (GET /api/predictions/cross-section, the section
// on /predict): each symbol's probability of landing in each quintile of the universe's next-5-session
// returns, with the walk-forward RPS against the uniform 0.16 and its noise band. Computed once per data day
// in the worker pool (seconds of CPU, never on the thread serving HTTP) and cached.
import { cache } from "@/lib/cache";
import { type CrossSectionRun, CS_DEFAULTS, runCrossSection, shippedMarketVariance } from "@/server/forecast";
import { shippedTickers } from "@/server/market";
import { loadHistory } from "@/server/price-history";
import { trainPool } from "@/server/training";
import type { CrossSectionView } from "./cross-section-schemas";

export const CROSS_SECTION_BENCHMARK = 0.16;
const TTL_SEC = 12 * 3600;

export const VARIANT_LABELS: Record<string, string> = {
  "ewma-joint": "EWMA volatility, past weeks drawn for all symbols together",
  "ewma-independent": "EWMA volatility, each symbol drawn on its own",
  "har-joint": "log-HAR range volatility, past weeks drawn for all symbols together",
  "har-independent": "log-HAR range volatility, each symbol drawn on its own",
};

function viewOf(run: CrossSectionRun, source: string): CrossSectionView {
  const measured = run.scored[run.chosen];
  return {
    asOf: run.current?.origin ?? run.weeks[run.weeks.length - 1]?.target ?? "",
    source,
    horizonSessions: CS_DEFAULTS.steps,
    benchmark: CROSS_SECTION_BENCHMARK,
    verdict: measured.edge ? "edge" : "no_edge",
    method: { id: run.chosen, label: VARIANT_LABELS[run.chosen] ?? run.chosen, chosenOn: run.development },
    measured,
    variants: run.scored,
    symbols: run.symbols.map((symbol) => ({ symbol, probabilities: (run.current?.probabilities[symbol] ?? [0.2, 0.2, 0.2, 0.2, 0.2]).map((p) => Math.round(p * 10_000) / 10_000) })),
    computedAt: new Date().toISOString(),
  };
}

const inFlight = new Map<string, Promise<CrossSectionView>>();

export async function crossSectionForecast(): Promise<CrossSectionView> {
  const symbols = [...shippedTickers().keys()].sort();
  const histories = await Promise.all(symbols.map((symbol) => loadHistory({ symbol })));
  const key = `cross-section:v1:${histories.map((h) => `${h.series.symbol}@${h.asOf}`).join(",")}`;
  const cached = await cache.get<CrossSectionView>(key);
  if (cached) return cached;
  let run = inFlight.get(key);
  if (!run) {
    const series = histories.map((h) => h.series);
    const sources = [...new Set(histories.map((h) => h.source))].join(", ");
    const pool = trainPool();
    run = (pool ? pool.run<CrossSectionRun>({ crossSection: series }, { lane: "background", label: { subject: "all symbols", what: "the weekly cross-sectional forecast" } }) : Promise.resolve(runCrossSection({ series, market: shippedMarketVariance() })))
      .then(async (r) => {
        const view = viewOf(r, sources);
        await cache.set(key, view, { ttlSec: TTL_SEC });
        return view;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, run);
  }
  return run;
}
