"use client";
// Recent closes followed by one model's forecast up to the selected horizon with its 80% and 95% bands, and
// dates on the time axis. The SVG is drawn at the pixel width it gets (1 unit = 1 px), so its 12 px text stays
// 12 px on a phone instead of shrinking with the picture.
import { useEffect, useRef, useState } from "react";
import { HORIZONS, type HorizonKey } from "@/server/forecast/vocabulary";
import type { ModelPrediction } from "@/server/predictions";
import { formatPrice } from "@/components/lib/format";
import { modelLabel } from "./model-labels";

type Point = { date: string; price: number };
const KEYS: HorizonKey[] = ["1d", "2d", "1w"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const FONT = 12;

/** "2024-03-11" -> "11 Mar". */
export const shortDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ""}`;

function useWidth(initial: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(240, Math.round(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width };
}

/** Spreads labels vertically so none overlaps the next (y in px, kept in order). */
function spread(ys: number[], gap: number): number[] {
  const out = [...ys];
  for (let i = 1; i < out.length; i++) if (out[i] - out[i - 1] < gap) out[i] = out[i - 1] + gap;
  return out;
}

export function ForecastFan({ history, model, asOf, horizon }: { history: Point[]; model: ModelPrediction; asOf: string; horizon: HorizonKey }) {
  const { ref, width: W } = useWidth(640);
  const past = history.filter((p) => p.date <= asOf).slice(-30);
  const ahead = KEYS.filter((k) => HORIZONS[k] <= HORIZONS[horizon]).flatMap((k) => {
    const h = model.horizons[k];
    return h ? [{ steps: h.steps, price: h.price, i80: h.intervals?.["80"], i95: h.intervals?.["95"], date: h.targetDate }] : [];
  });
  if (past.length < 2 || ahead.length === 0) return null;
  const H = 220;
  const pad = { l: 8, r: 112, t: 12, b: 26 };
  const last = past[past.length - 1];
  const origin = past.length - 1;
  const xs = origin + HORIZONS["1w"];
  const values = [...past.map((p) => p.price), ...ahead.flatMap((a) => [a.price, ...(a.i95 ?? [])])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / xs;
  const y = (v: number) => pad.t + ((H - pad.t - pad.b) * (hi - v)) / (hi - lo || 1);
  const band = (k: "i80" | "i95") => {
    const pts = ahead.filter((a) => a[k]);
    if (!pts.length) return "";
    const upper = pts.map((a) => `${x(origin + a.steps)},${y(a[k]![1])}`);
    const lower = pts.map((a) => `${x(origin + a.steps)},${y(a[k]![0])}`).reverse();
    return [`${x(origin)},${y(last.price)}`, ...upper, ...lower].join(" ");
  };
  const far = ahead[ahead.length - 1];
  const farX = x(origin + far.steps);
  // Past date ticks about every 90 px back from the last close, none closer than 50 px to the target date.
  const every = Math.max(1, Math.ceil(90 / (x(1) - x(0))));
  const ticks = past.map((p, i) => ({ i, date: p.date })).filter(({ i }) => (origin - i) % every === 0 && farX - x(i) > 50);
  const labels = [
    far.i95 && { y: y(far.i95[1]), text: `95% ≤ ${formatPrice(far.i95[1])}`, tone: "fill-zinc-700 dark:fill-zinc-300" },
    { y: y(far.price), text: formatPrice(far.price), tone: "fill-sky-800 font-semibold dark:fill-sky-300" },
    far.i95 && { y: y(far.i95[0]), text: `95% ≥ ${formatPrice(far.i95[0])}`, tone: "fill-zinc-700 dark:fill-zinc-300" },
  ].filter((l): l is { y: number; text: string; tone: string } => Boolean(l));
  const labelYs = spread(
    labels.map((l) => l.y + FONT / 3),
    FONT + 3,
  );
  const title = `${modelLabel(model.name)} forecast for ${far.date}: ${formatPrice(far.price)}${far.i95 ? `, 95% range ${formatPrice(far.i95[0])} to ${formatPrice(far.i95[1])}` : ""}${far.i80 ? `, 80% range ${formatPrice(far.i80[0])} to ${formatPrice(far.i80[1])}` : ""}`;
  return (
    <div ref={ref} className="w-full">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="block max-w-full" role="img" aria-label={title} data-testid="forecast-fan" data-horizon={horizon}>
        <polygon points={band("i95")} className="fill-sky-500/15" />
        <polygon points={band("i80")} className="fill-sky-500/30" />
        <polyline points={past.map((p, i) => `${x(i)},${y(p.price)}`).join(" ")} className="fill-none stroke-zinc-500 dark:stroke-zinc-400" strokeWidth={1.5} />
        <polyline
          points={[`${x(origin)},${y(last.price)}`, ...ahead.map((a) => `${x(origin + a.steps)},${y(a.price)}`)].join(" ")}
          className="fill-none stroke-sky-600 dark:stroke-sky-400"
          strokeWidth={2}
          strokeDasharray="4 3"
        />
        {ahead.map((a) => (
          <circle key={a.steps} cx={x(origin + a.steps)} cy={y(a.price)} r={3.5} className="fill-sky-600 dark:fill-sky-400" />
        ))}
        <line x1={x(origin)} x2={x(origin)} y1={pad.t} y2={H - pad.b} className="stroke-zinc-300 dark:stroke-zinc-700" strokeDasharray="2 3" />
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} className="stroke-zinc-200 dark:stroke-zinc-800" />
        {ticks.map((t) => (
          <text key={t.date} x={x(t.i)} y={H - 8} textAnchor="middle" fontSize={FONT} className="fill-zinc-600 dark:fill-zinc-400">
            {shortDate(t.date)}
          </text>
        ))}
        <text x={farX} y={H - 8} textAnchor="middle" fontSize={FONT} className="fill-sky-800 font-semibold dark:fill-sky-300" data-testid="fan-target-date">
          {shortDate(far.date)}
        </text>
        {labels.map((l, i) => (
          <text key={l.text} x={farX + 8} y={labelYs[i]} fontSize={FONT} className={l.tone}>
            {l.text}
          </text>
        ))}
      </svg>
    </div>
  );
}
