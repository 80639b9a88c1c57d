// Recent closes followed by one model's forecasts at 1d, 2d and 1w with their 80% and 95% bands.
import type { HorizonKey } from "@/server/forecast/types";
import type { ModelPrediction } from "@/server/predictions/types";
import { formatPrice } from "@/components/lib/format";

type Point = { date: string; price: number };
const KEYS: HorizonKey[] = ["1d", "2d", "1w"];

export function ForecastFan({ history, model, asOf }: { history: Point[]; model: ModelPrediction; asOf: string }) {
  const past = history.filter((p) => p.date <= asOf).slice(-30);
  const ahead = KEYS.flatMap((k) => {
    const h = model.horizons[k];
    return h ? [{ steps: h.steps, price: h.price, i80: h.intervals?.["80"], i95: h.intervals?.["95"], date: h.targetDate }] : [];
  });
  if (past.length < 2 || ahead.length === 0) return null;
  const W = 640;
  const H = 200;
  const pad = { l: 8, r: 64, t: 10, b: 22 };
  const last = past[past.length - 1];
  const maxSteps = Math.max(...ahead.map((a) => a.steps));
  const xs = past.length - 1 + maxSteps;
  const values = [...past.map((p) => p.price), ...ahead.flatMap((a) => [a.price, ...(a.i95 ?? [])])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / xs;
  const y = (v: number) => pad.t + ((H - pad.t - pad.b) * (hi - v)) / (hi - lo || 1);
  const origin = past.length - 1;
  const band = (k: "i80" | "i95") => {
    const pts = ahead.filter((a) => a[k]);
    if (!pts.length) return "";
    const upper = pts.map((a) => `${x(origin + a.steps)},${y(a[k]![1])}`);
    const lower = pts.map((a) => `${x(origin + a.steps)},${y(a[k]![0])}`).reverse();
    return [`${x(origin)},${y(last.price)}`, ...upper, ...lower].join(" ");
  };
  const far = ahead[ahead.length - 1];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`${model.name} forecast with 80% and 95% intervals`} data-testid="forecast-fan">
      <polygon points={band("i95")} className="fill-sky-500/15" />
      <polygon points={band("i80")} className="fill-sky-500/25" />
      <polyline points={past.map((p, i) => `${x(i)},${y(p.price)}`).join(" ")} className="fill-none stroke-zinc-500 dark:stroke-zinc-400" strokeWidth={1.5} />
      <polyline
        points={[`${x(origin)},${y(last.price)}`, ...ahead.map((a) => `${x(origin + a.steps)},${y(a.price)}`)].join(" ")}
        className="fill-none stroke-sky-600 dark:stroke-sky-400"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      {ahead.map((a) => (
        <circle key={a.steps} cx={x(origin + a.steps)} cy={y(a.price)} r={3} className="fill-sky-600 dark:fill-sky-400" />
      ))}
      <line x1={x(origin)} x2={x(origin)} y1={pad.t} y2={H - pad.b} className="stroke-zinc-300 dark:stroke-zinc-700" strokeDasharray="2 3" />
      <text x={x(origin)} y={H - 6} textAnchor="middle" className="fill-zinc-500 text-[10px]">
        {asOf}
      </text>
      <text x={x(0)} y={H - 6} className="fill-zinc-500 text-[10px]">
        {past[0].date}
      </text>
      <text x={x(origin + far.steps) + 4} y={y(far.price) + 3} className="fill-sky-700 text-[10px] dark:fill-sky-300">
        {formatPrice(far.price)}
      </text>
      {far.i95 && (
        <>
          <text x={x(origin + far.steps) + 4} y={y(far.i95[1]) + 3} className="fill-zinc-500 text-[10px]">
            {formatPrice(far.i95[1])}
          </text>
          <text x={x(origin + far.steps) + 4} y={y(far.i95[0]) + 3} className="fill-zinc-500 text-[10px]">
            {formatPrice(far.i95[0])}
          </text>
        </>
      )}
    </svg>
  );
}
