"use client";
// Interactive price chart: range buttons, candles/area, volume, hover legend, provenance badge.
import { useMemo, useState } from "react";
import useSWR from "swr";
import { RANGES, type Range, type TimeseriesResponse } from "@/server/market/types";
import { formatCompact, formatPercent, formatPrice, changeTone } from "@/components/lib/format";
import { SourceBadge } from "@/components/market/source-badge";
import { formatTooltipTime, resolutionLabel, toChartBars } from "./chart-time";
import { useIsDark } from "./chart-theme";
import { usePriceChart, type ChartMode } from "./use-price-chart";
import { useForecastOverlay } from "@/components/forecast/forecast-overlay";

async function fetchSeries(url: string): Promise<TimeseriesResponse> {
  const res = await fetch(url);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
  return body as TimeseriesResponse;
}

interface Props {
  symbol: string;
  initial?: TimeseriesResponse;
  defaultRange?: Range;
}

export function PriceChart({ symbol, initial, defaultRange = "1Y" }: Props) {
  const [range, setRange] = useState<Range>(initial?.range ?? defaultRange);
  const [mode, setMode] = useState<ChartMode>("area");
  const dark = useIsDark();
  // SWR keys by URL, so each range is fetched once and reused when toggled back. The series the server
  // rendered is not fetched again on mount.
  const { data, error, isLoading } = useSWR(`/api/timeseries/${encodeURIComponent(symbol)}?range=${range}`, fetchSeries, {
    fallbackData: initial && initial.range === range ? initial : undefined,
    revalidateOnMount: !initial,
    keepPreviousData: true,
    revalidateOnFocus: false,
    dedupingInterval: 60_000,
  });

  const bars = useMemo(() => toChartBars(data?.points ?? []), [data]);
  const shownRange = data?.range ?? range;
  const resolution = data?.resolution ?? "";
  const { overlay } = useForecastOverlay();
  // The forecast continues the price line only where the chart's last bar is the forecast's origin (daily ranges).
  const lastDate = data?.points[data.points.length - 1]?.date.slice(0, 10);
  const shownOverlay = overlay && resolution.endsWith("day") && lastDate === overlay.path[0]?.date ? overlay : null;
  const { containerRef, hovered } = usePriceChart({ bars, range: shownRange, resolution, mode, dark, overlay: shownOverlay });
  const choose = (r: Range) => {
    setRange(r);
    // The range is part of the address, so the view can be shared or reloaded.
    const url = new URL(window.location.href);
    url.searchParams.set("range", r);
    window.history.replaceState(window.history.state, "", url);
  };

  // keepPreviousData shows the old range while the new one loads; `error` belongs to the requested range.
  const loading = isLoading || (data !== undefined && data.range !== range);
  const state = error ? "error" : loading ? "loading" : bars.length === 0 ? "empty" : "ready";
  const first = bars[0];
  const last = bars[bars.length - 1];
  const shown = hovered ?? last;
  const rangeChange = first && last ? ((last.price - first.price) / first.price) * 100 : null;

  return (
    <section
      aria-label={`${symbol} price chart`}
      data-testid="price-chart"
      data-state={state}
      data-range={shownRange}
      data-resolution={resolution}
      data-points={bars.length}
      data-first-date={data?.points[0]?.date ?? ""}
      data-last-date={data?.points[data.points.length - 1]?.date ?? ""}
      className="rounded-xl border border-zinc-200 bg-white p-3 sm:p-4 dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Range" className="grid w-full grid-cols-10 gap-0.5 sm:flex sm:w-auto sm:gap-1">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              onClick={() => choose(r)}
              aria-pressed={r === range}
              className={`rounded-md py-1 text-[11px] font-medium tabular-nums transition-colors sm:px-2.5 sm:text-xs ${
                r === range
                  ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
              }`}
            >
              {r}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Chart type" className="flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700">
          {(["area", "candles"] as const).map((m) => (
            <button
              key={m}
              type="button"
              onClick={() => setMode(m)}
              aria-pressed={m === mode}
              className={`rounded px-2 py-0.5 text-xs font-medium capitalize ${
                m === mode ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-500 dark:text-zinc-400"
              }`}
            >
              {m}
            </button>
          ))}
        </div>
      </div>

      <div className="mt-3 flex min-h-10 flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="chart-legend">
        {shown ? (
          <>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatTooltipTime(shown.time, shownRange, resolution)}</span>
            {mode === "candles" ? (
              <span>
                O {formatPrice(shown.open)} H {formatPrice(shown.high)} L {formatPrice(shown.low)} C {formatPrice(shown.price)}
              </span>
            ) : (
              <span>{formatPrice(shown.price)}</span>
            )}
            <span>Vol {formatCompact(shown.volume)}</span>
            {rangeChange !== null && first && !hovered && (
              <span className={changeTone(rangeChange)} data-testid="range-change">
                {formatPercent(rangeChange)} since {formatTooltipTime(first.time, shownRange, resolution)}
              </span>
            )}
          </>
        ) : null}
      </div>

      <div className="relative mt-1 h-72 w-full sm:h-96">
        <div ref={containerRef} className="absolute inset-0" data-testid="chart-canvas" />
        {state !== "ready" && (
          <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
            <p
              className={`rounded-md px-3 py-1.5 text-sm ${
                state === "error" ? "bg-rose-50 text-rose-700 dark:bg-rose-950 dark:text-rose-300" : "bg-white/80 text-zinc-500 dark:bg-zinc-900/80 dark:text-zinc-400"
              }`}
            >
              {state === "error"
                ? `Could not load the ${range} chart: ${error instanceof Error ? error.message : "unknown error"}`
                : state === "loading"
                  ? "Loading…"
                  : `No ${range} data from this source${range === "1D" && data?.historical ? " (the historical data set has no intraday bars)" : ""}.`}
            </p>
          </div>
        )}
      </div>

      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        {shownOverlay && (
          <span data-testid="chart-forecast-legend" className="text-sky-700 dark:text-sky-300">
            Dashed: {shownOverlay.label} forecast, with 80% and 95% ranges
          </span>
        )}
        <span data-testid="chart-resolution">{resolution ? `${shownRange} · ${resolutionLabel(resolution, shownRange)} · ${bars.length} points` : "\u00a0"}</span>
        {data && <SourceBadge provenance={data} />}
      </div>
    </section>
  );
}
