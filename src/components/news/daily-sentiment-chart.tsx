// Daily average sentiment as bars above (bullish) and below (bearish) a zero line.
import type { DailySentiment } from "./news-view";

export function DailySentimentChart({ days, label }: { days: DailySentiment[]; label: string }) {
  if (days.length === 0) return null;
  const W = 640;
  const H = 140;
  const pad = { l: 28, r: 8, t: 10, b: 22 };
  const bw = (W - pad.l - pad.r) / days.length;
  const y = (v: number) => pad.t + ((H - pad.t - pad.b) * (1 - v)) / 2;
  return (
    <figure className="rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900/40">
      <figcaption className="text-sm font-medium">{label}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-2 h-auto w-full" role="img" aria-label={label} data-testid="daily-sentiment-chart" data-days={days.length}>
        <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} className="stroke-zinc-300 dark:stroke-zinc-700" />
        {[1, -1].map((v) => (
          <text key={v} x={pad.l - 4} y={y(v) + 3} textAnchor="end" className="fill-zinc-500 text-[9px]">
            {v > 0 ? "+1" : "−1"}
          </text>
        ))}
        {days.map((d, i) => {
          const top = Math.min(y(d.mean), y(0));
          const h = Math.max(1, Math.abs(y(d.mean) - y(0)));
          return (
            <rect key={d.date} x={pad.l + i * bw + bw * 0.15} width={bw * 0.7} y={top} height={h} className={d.mean >= 0 ? "fill-emerald-500/70" : "fill-rose-500/70"}>
              <title>{`${d.date}: average ${d.mean.toFixed(2)} over ${d.n} article${d.n === 1 ? "" : "s"}`}</title>
            </rect>
          );
        })}
        <text x={pad.l} y={H - 6} className="fill-zinc-500 text-[10px]">
          {days[0].date}
        </text>
        <text x={W - pad.r} y={H - 6} textAnchor="end" className="fill-zinc-500 text-[10px]">
          {days[days.length - 1].date}
        </text>
      </svg>
    </figure>
  );
}
