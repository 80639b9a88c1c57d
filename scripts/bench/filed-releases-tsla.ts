// The event-day term with filed release dates against inferred ones, where the true dates are known: Tesla's
// 8-K item 2.02 filings 2019-10..2022-10 (a recorded EDGAR submissions answer,
// tests/fixtures/providers/edgar/tsla-8k-item-202-2019-2022.json). Figures only: no setting is chosen here
// (m stays EVENT_TERM.multiplier). Run on the development window (the CSVs cut at 2022-03-04, so every scored
// origin lies inside the filed record):
//   mkdir /tmp/dev-data && for f in data/*.csv; do awk -F, 'NR==1 || $1 <= "2022-03-04"' $f > /tmp/dev-data/$(basename $f); done
//   npx tsx scripts/bench/filed-releases-tsla.ts /tmp/dev-data [--earnings-only]
// The recording has filing dates, not acceptance times: each counts as filed after that day's close (Tesla
// releases its results after the close; the deliveries' dates are the release dates, often a weekend).
import { readFileSync } from "node:fs";
import { christoffersen, filedReleaseBars, marketVariance, nonOverlapping, scoreIntervals, trainTicker } from "../../src/server/forecast";
import { listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { MODELS } from "../../src/server/forecast/model-list";
import { HORIZON_KEYS, type PriceSeries } from "../../src/server/forecast/vocabulary";

const dir = process.argv[2] ?? "/tmp/dev-data";
const earningsOnly = process.argv.includes("--earnings-only");
const rec = JSON.parse(readFileSync("tests/fixtures/providers/edgar/tsla-8k-item-202-2019-2022.json", "utf8")) as { earnings: { filed: string }[]; deliveries: { released: string }[] };
const days = [...rec.earnings.map((e) => e.filed), ...(earningsOnly ? [] : rec.deliveries.map((d) => d.released))].sort();
const all = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const market = marketVariance(all);
const bars = all.find((s) => s.symbol === "TSLA")!;
const filedSeries: PriceSeries = { ...bars, filed: days.map((d) => ({ filedAt: `${d}T00:00:00.000Z` })) };
// The true release bars (the same mapping the engine reads), for the coverage of origins just before a release.
const truth = new Set(filedReleaseBars(filedSeries));
const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;

console.log(`TSLA ${bars.dates[0]}..${bars.dates[bars.dates.length - 1]}, ${days.length} filed releases (${earningsOnly ? "results only" : "results and deliveries"}), ${truth.size} on the bars`);
console.log("source | model | h | W95 / reference | W95 % | cov95 | Christoffersen p 95 | release origins cov95 (n)");
for (const [label, series] of [["inferred", bars], ["filed", filedSeries]] as const) {
  const trained = await trainTicker({ series, specs: MODELS, models: ["naive", "drift"], market });
  for (const { backtest: bt } of trained.models) {
    for (const h of HORIZON_KEYS) {
      const hb = bt.horizons[h]!;
      const s = scoreIntervals(hb);
      const ref = scoreIntervals(hb, { reference: true });
      // Scored origins whose next h bars hold a true release day (1d: the next bar is one).
      const scored = Array.from(hb.origin.subarray(hb.evalStart));
      const before = scored.flatMap((t, i) => (Array.from({ length: hb.steps }, (_x, k) => t + 1 + k).some((j) => truth.has(j)) ? [i] : []));
      const covRelease = before.length ? 1 - mean(before.map((i) => s.miss["95"][i])) : Number.NaN;
      const p = christoffersen(nonOverlapping(s.miss["95"], hb.steps)).pValue;
      const w = mean(s.winkler["95"]);
      console.log(
        [label, bt.model, h, (w / mean(ref.winkler["95"])).toFixed(4), w.toFixed(4), (1 - mean(s.miss["95"])).toFixed(4), p.toFixed(3), `${covRelease.toFixed(3)} (${before.length})`].join(" | "),
      );
    }
  }
}
