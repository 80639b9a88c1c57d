// Served forecasts as they were made (point and 80/95% bands at their target date) against the close
// that followed.
import type { HistoryRow } from "@/server/predictions";
import { formatPrice } from "@/components/lib/format";

type Close = { date: string; price: number };

export function HistoryChart({ closes, rows, label }: { closes: Close[]; rows: HistoryRow[]; label: string }) {
  if (rows.length === 0) return null;
  // The closes of the window (the page passes them) give the forecasts their context, before and after.
  const past = closes;
  const dates = [...new Set([...past.map((c) => c.date), ...rows.map((r) => r.targetDate)])].sort();
  const at = new Map(dates.map((d, i) => [d, i]));
  const values = [...past.map((c) => c.price), ...rows.flatMap((r) => [r.predicted, r.lower95 ?? r.predicted, r.upper95 ?? r.predicted])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const W = 640;
  const H = 220;
  const pad = { l: 8, r: 64, t: 10, b: 22 };
  const x = (d: string) => pad.l + ((W - pad.l - pad.r) * (at.get(d) ?? 0)) / Math.max(1, dates.length - 1);
  const y = (v: number) => pad.t + ((H - pad.t - pad.b) * (hi - v)) / (hi - lo || 1);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={label} data-testid="history-chart" data-forecasts={rows.length}>
      {rows.map((r) => (
        <g key={`${r.originDate}-${r.targetDate}`}>
          {r.lower95 !== null && r.upper95 !== null && <line x1={x(r.targetDate)} x2={x(r.targetDate)} y1={y(r.lower95)} y2={y(r.upper95)} className="stroke-sky-500/25" strokeWidth={7} />}
          {r.lower80 !== null && r.upper80 !== null && <line x1={x(r.targetDate)} x2={x(r.targetDate)} y1={y(r.lower80)} y2={y(r.upper80)} className="stroke-sky-500/50" strokeWidth={7} />}
          <circle cx={x(r.targetDate)} cy={y(r.predicted)} r={2.5} className="fill-sky-700 dark:fill-sky-300">
            <title>{`${r.targetDate}: forecast ${formatPrice(r.predicted)} from ${r.originDate}${r.actual !== null ? `, actual ${formatPrice(r.actual)}` : ", not known yet"}`}</title>
          </circle>
        </g>
      ))}
      {past.length > 1 && <polyline points={past.map((c) => `${x(c.date)},${y(c.price)}`).join(" ")} className="fill-none stroke-zinc-600 dark:stroke-zinc-300" strokeWidth={1.5} />}
      <text x={pad.l} y={H - 6} className="fill-zinc-500 text-[10px]">
        {dates[0]}
      </text>
      <text x={W - pad.r} y={H - 6} textAnchor="end" className="fill-zinc-500 text-[10px]">
        {dates[dates.length - 1]}
      </text>
      <text x={W - pad.r + 4} y={y(hi) + 8} className="fill-zinc-500 text-[10px]">
        {formatPrice(hi)}
      </text>
      <text x={W - pad.r + 4} y={y(lo)} className="fill-zinc-500 text-[10px]">
        {formatPrice(lo)}
      </text>
    </svg>
  );
}
