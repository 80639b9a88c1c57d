"use client";
// Interactive price chart: range buttons, candles/area, volume, hover legend, provenance badge.
import { useMemo, useState } from "react";
import useSWR from "swr";
import { RANGES, type Range, type TimeseriesResponse } from "@/server/market/types";
import { formatCompact, formatPercent, formatPrice, changeTone } from "@/components/lib/format";
import { SourceBadge } from "@/components/market/source-badge";
import { chartSummary, rangeChangeOf } from "./chart-summary";
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
  /** Whether a live provider with intraday bars is configured: without one, 1D would only repeat daily bars. */
  intraday?: boolean;
  /** The quote's previous close: 1D's change is measured from it, as the header's day change is. */
  previousClose?: number | null;
}

const NO_1D = "1D needs intraday bars; the historical data set has daily bars only.";

export function PriceChart({ symbol, initial, defaultRange = "1Y", intraday = false, previousClose = null }: Props) {
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

  const shownRange = data?.range ?? range;
  const resolution = data?.resolution ?? "";
  // A 1D answer made of daily bars (the provider had no intraday ones) is not a day's chart: draw nothing.
  const dailyFor1D = shownRange === "1D" && resolution !== "" && !/min$/.test(resolution);
  const bars = useMemo(() => (dailyFor1D ? [] : toChartBars(data?.points ?? [])), [data, dailyFor1D]);
  const { overlay } = useForecastOverlay();
  // The forecast continues the price line only where the chart's last bar is the forecast's origin (daily ranges).
  const lastDate = data?.points[data.points.length - 1]?.date.slice(0, 10);
  const shownOverlay = overlay && resolution.endsWith("day") && lastDate === overlay.path[0]?.date ? overlay : null;
  const { containerRef, hovered, visible } = usePriceChart({ bars, range: shownRange, resolution, mode, dark, overlay: shownOverlay });
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
  // Zoomed or scrolled: the legend speaks of the bars in view (the last one shown, the change across them).
  const inView = visible && visible.to < bars.length ? bars.slice(visible.from, visible.to + 1) : bars;
  const last = inView[inView.length - 1];
  const shown = hovered ?? last;
  const change = rangeChangeOf({ bars: inView, range: shownRange, resolution, previousClose });
  // The text alternative describes the whole range, zoomed or not.
  const summary = chartSummary({ symbol, bars, range: shownRange, resolution, change: inView === bars ? change : rangeChangeOf({ bars, range: shownRange, resolution, previousClose }) });

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
        <div role="group" aria-label="Range" className="grid w-full grid-cols-5 gap-1 sm:flex sm:w-auto">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              onClick={() => choose(r)}
              aria-pressed={r === range}
              disabled={r === "1D" && !intraday}
              aria-describedby={r === "1D" && !intraday ? "chart-1d-reason" : undefined}
              className={`min-h-11 rounded-md py-1 text-xs font-medium tabular-nums transition-colors disabled:cursor-not-allowed disabled:text-zinc-400 disabled:line-through sm:min-h-0 sm:px-2.5 dark:disabled:text-zinc-500 ${
                r === range
                  ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-700 enabled:hover:bg-zinc-100 dark:text-zinc-300 dark:enabled:hover:bg-zinc-800"
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
              className={`min-h-11 rounded px-3 py-0.5 text-xs font-medium capitalize sm:min-h-0 sm:px-2 ${
                m === mode ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-600 dark:text-zinc-300"
              }`}
            >
              {m}
            </button>
          ))}
        </div>
      </div>

      {!intraday && (
        <p id="chart-1d-reason" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="chart-1d-reason">
          {NO_1D}
        </p>
      )}

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
            {change && !hovered && (
              <span className={changeTone(change.percent)} data-testid="range-change">
                {formatPercent(change.percent)} since {change.since}
              </span>
            )}
          </>
        ) : null}
      </div>

      <div className="relative mt-1 h-72 w-full sm:h-96">
        {/* The canvas is opaque to assistive technology: the summary below says what it draws. */}
        <div ref={containerRef} className="absolute inset-0" data-testid="chart-canvas" role="img" aria-labelledby="chart-summary" />
        <p id="chart-summary" className="sr-only" data-testid="chart-summary">
          {summary}
        </p>
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
                  : range === "1D"
                    ? "No intraday bars from this source for 1D."
                    : `No ${range} data from this source.`}
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
