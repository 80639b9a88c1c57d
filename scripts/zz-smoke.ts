import { readSeriesCsv, listSymbols } from "../src/server/forecast/data";
import { trainTicker } from "../src/server/forecast/train";
import { horizonMetrics } from "../src/server/forecast/metrics";
import { marketVariance } from "../src/server/forecast/volatility/range";
const tickers = (process.argv[2] ?? "AAPL").split(",");
const all = listSymbols({}).map((s) => readSeriesCsv({ symbol: s }));
const market = marketVariance(all);
for (const t of tickers) {
  const series = all.find((s) => s.symbol === t)!;
  const t0 = performance.now();
  const r = await trainTicker({ series, models: ["naive"], market });
  console.log(t, "ms", (performance.now() - t0).toFixed(0));
  for (const m of r.models) for (const h of ["1d", "2d", "1w"] as const) {
    const b = m.backtest.horizons[h]!;
    const x = horizonMetrics(b, { isNaive: true });
    const ref = horizonMetrics(b, { isNaive: true, reference: true });
    console.log(h, x.volModel, "w95", x.intervals.winkler["95"]?.toFixed(3), "ref", ref.intervals.winkler["95"]?.toFixed(3), "terc", x.intervals.coverage95ByVolTercile.map((v) => v?.toFixed(3)), "refterc", ref.intervals.coverage95ByVolTercile.map((v) => v?.toFixed(3)), "cov99", x.intervals.coverage["99"]?.toFixed(3), "crps", x.intervals.crps?.toFixed(3), x.basel?.zone);
  }
}
