// Tiny server-rendered SVG line of recent closes; colour follows the move over the window.
export function Sparkline({ values, width = 96, height = 28, label }: { values: number[]; width?: number; height?: number; label: string }) {
  const pts = values.filter((v) => Number.isFinite(v));
  if (pts.length < 2) return <svg width={width} height={height} role="img" aria-label={`${label}: not enough data`} />;
  const min = Math.min(...pts);
  const max = Math.max(...pts);
  const span = max - min || 1;
  const pad = 2;
  const xy = pts.map((v, i) => [pad + (i / (pts.length - 1)) * (width - pad * 2), pad + (1 - (v - min) / span) * (height - pad * 2)]);
  const d = xy.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`).join(" ");
  const rising = pts[pts.length - 1] >= pts[0];
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${rising ? "up" : "down"} over the last ${pts.length} closes`}
      className={rising ? "text-emerald-600 dark:text-emerald-400" : "text-rose-600 dark:text-rose-400"}
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
