// The portfolio against the equal-weight universe over its own period: the two returns in words, and the
// growth of 100 as two lines (the words carry the figures; the drawing shows the path).
import { changeTone } from "@/components/lib/format";
import { mutedText, type PortfolioView } from "./types";

const W = 600;
const H = 180;
const signedPct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}%`;

function path(values: number[], lo: number, hi: number): string {
  const span = hi - lo || 1;
  return values.map((v, i) => `${i ? "L" : "M"}${((i / Math.max(1, values.length - 1)) * W).toFixed(1)},${(H - ((v - lo) / span) * H).toFixed(1)}`).join(" ");
}

export function BenchmarkComparison({ view }: { view: PortfolioView }) {
  const b = view.benchmark;
  if (!b) return <p className={`text-sm ${mutedText}`}>The comparison appears once the portfolio has transactions.</p>;
  const p = b.series.map((x) => x.portfolio);
  const m = b.series.map((x) => x.benchmark);
  const lo = Math.min(...p, ...m);
  const hi = Math.max(...p, ...m);
  const diff = b.portfolioReturn - b.benchmarkReturn;
  const summary = `From ${b.from} to ${b.to} the portfolio returned ${signedPct(b.portfolioReturn)} and an equal-weight mix of the ${b.universe.length} shipped stocks ${signedPct(b.benchmarkReturn)}.`;
  return (
    <div className="flex flex-col gap-2" data-testid="benchmark">
      <p className="text-sm">
        {summary}{" "}
        <span className={changeTone(diff)} data-testid="benchmark-difference">
          {diff >= 0 ? "Ahead" : "Behind"} by {Math.abs(diff * 100).toFixed(1)} percentage points.
        </span>
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Growth of 100: ${summary}`} className="h-40 w-full" preserveAspectRatio="none">
        <path d={path(m, lo, hi)} fill="none" strokeWidth="2" vectorEffect="non-scaling-stroke" className="stroke-zinc-400 dark:stroke-zinc-500" strokeDasharray="4 3" />
        <path d={path(p, lo, hi)} fill="none" strokeWidth="2" vectorEffect="non-scaling-stroke" className="stroke-emerald-600 dark:stroke-emerald-400" />
      </svg>
      <p className={`flex flex-wrap gap-4 text-xs ${mutedText}`}>
        <span>
          <span aria-hidden className="mr-1 inline-block h-0.5 w-4 bg-emerald-600 align-middle dark:bg-emerald-400" />
          Your portfolio
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-0.5 w-4 border-t-2 border-dashed border-zinc-400 align-middle dark:border-zinc-500" />
          Equal-weight mix of the {b.universe.length} shipped stocks
        </span>
        <span>Time-weighted price returns from daily closes; dividends are in neither.</span>
      </p>
    </div>
  );
}
