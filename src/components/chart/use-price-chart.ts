"use client";
// Owns one lightweight-charts instance: creation, series swap (candles/area), data, theme, hover.
import { useEffect, useRef, useState } from "react";
import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
  type Time,
} from "lightweight-charts";
import type { Range } from "@/server/market/types";
import type { ForecastOverlay } from "@/components/forecast/forecast-overlay";
import { formatAxisTime, formatTooltipTime, toUnixSeconds, type ChartBar } from "./chart-time";
import { paletteFor } from "./chart-theme";

export type ChartMode = "candles" | "area";

interface Args {
  bars: ChartBar[];
  range: Range;
  resolution: string;
  mode: ChartMode;
  dark: boolean;
  overlay?: ForecastOverlay | null;
}

export function usePriceChart({ bars, range, resolution, mode, dark, overlay = null }: Args) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const mainRef = useRef<ISeriesApi<SeriesType> | null>(null);
  const volumeRef = useRef<ISeriesApi<"Histogram"> | null>(null);
  const barsRef = useRef<ChartBar[]>(bars);
  const [hovered, setHovered] = useState<ChartBar | null>(null);
  // The bars in view after a zoom or scroll (indices into `bars`), null while every bar is in view.
  const [visible, setVisible] = useState<{ from: number; to: number } | null>(null);
  barsRef.current = bars;

  // One chart per mount; autoSize follows the container through a ResizeObserver.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const chart = createChart(el, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, fontFamily: "var(--font-geist-sans), system-ui, sans-serif", fontSize: 11 },
      crosshair: { mode: CrosshairMode.Magnet },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.04 } },
      timeScale: { borderVisible: false, rightOffset: 2, fixLeftEdge: true, fixRightEdge: true },
      handleScroll: { vertTouchDrag: false },
    });
    // The library's logo sat over the volume bars; the footer credits TradingView Lightweight Charts instead.
    chart.applyOptions({ layout: { attributionLogo: false } });
    // Volume in its own pane with its own scale: the price axis never reaches into it (no axis running
    // to 0 or below under the price line on long ranges).
    const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false }, 1);
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.1, bottom: 0 } });
    chart.panes()[1]?.setHeight(64);
    // Belt and braces for the swap below: the price pane stays even if it is empty for a moment.
    chart.panes()[0]?.setPreserveEmptyPane(true);
    chartRef.current = chart;
    volumeRef.current = volume;

    const onMove = (param: { time?: Time }) => {
      if (param.time === undefined) return setHovered(null);
      const t = param.time as number;
      setHovered(barsRef.current.find((b) => b.time === t) ?? null);
    };
    chart.subscribeCrosshairMove(onMove);
    // The legend's change is over what is in view: a zoom to February must not say "since 12/08".
    const onRange = (r: { from: number; to: number } | null) => {
      const n = barsRef.current.length;
      if (!r || n === 0) return setVisible(null);
      // The bars the crosshair reaches at the pane's two edges, the same ones a person hovering there sees.
      const ts = chart.timeScale();
      const from = Math.max(0, ts.coordinateToLogical(0) ?? Math.round(r.from));
      const to = Math.min(n - 1, ts.coordinateToLogical(Math.max(0, ts.width() - 1)) ?? Math.round(r.to));
      setVisible((prev) => (from <= 0 && to >= n - 1 ? null : from > to ? prev : prev?.from === from && prev.to === to ? prev : { from, to }));
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    return () => {
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
      chartRef.current = null;
      mainRef.current = null;
      volumeRef.current = null;
    };
  }, []);

  // The main series is replaced only when the type changes, and the new one joins the price pane before the
  // old one leaves: lightweight-charts 5 drops a pane the moment it holds no series, and the next series would
  // then land in the volume pane on the volume's scale (a flat price line under 100M-high bars).
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const next =
      mode === "candles"
        ? chart.addSeries(CandlestickSeries, { borderVisible: false, priceLineVisible: false }, 0)
        : chart.addSeries(AreaSeries, { lineWidth: 2, priceLineVisible: false }, 0);
    if (mainRef.current) chart.removeSeries(mainRef.current);
    mainRef.current = next;
  }, [mode]);

  // Colours follow the theme and the range's direction; changed in place, never by re-creating a series.
  useEffect(() => {
    const chart = chartRef.current;
    const main = mainRef.current;
    if (!chart || !main) return;
    const pal = paletteFor(dark);
    const rising = bars.length < 2 || bars[bars.length - 1].price >= bars[0].price;
    const line = rising ? pal.up : pal.down;
    if (mode === "candles") main.applyOptions({ upColor: pal.up, downColor: pal.down, wickUpColor: pal.up, wickDownColor: pal.down });
    else main.applyOptions({ lineColor: line, topColor: `${line}55`, bottomColor: `${line}05` });
    const label = dark ? "#3f3f46" : "#52525b";
    chart.applyOptions({
      // The pane separator too: the library's default is a near-white line, a glaring bar across a dark chart.
      layout: { textColor: pal.text, panes: { separatorColor: pal.border } },
      grid: { vertLines: { color: pal.grid }, horzLines: { color: pal.grid } },
      rightPriceScale: { borderColor: pal.border },
      crosshair: { vertLine: { color: pal.crosshair, labelBackgroundColor: label }, horzLine: { color: pal.crosshair, labelBackgroundColor: label } },
    });
  }, [bars, mode, dark]);

  // Volume bars carry their colour per point, so a theme switch sets their points again. Declared before the
  // data effect so a new range's volume is in place before that effect fits the view.
  useEffect(() => {
    const pal = paletteFor(dark);
    volumeRef.current?.setData(bars.map((b) => ({ time: b.time, value: b.volume, color: b.price >= b.open ? pal.volumeUp : pal.volumeDown })));
  }, [bars, dark]);

  // Data and labels follow the range; setData replaces the points of the existing series. Only new points refit
  // the view: a theme switch keeps the zoom and scroll a person chose (it used to depend on the theme and refit).
  useEffect(() => {
    const chart = chartRef.current;
    const main = mainRef.current;
    if (!chart || !main) return;
    chart.applyOptions({
      localization: { timeFormatter: (t: Time) => formatTooltipTime(t as number, range, resolution) },
      timeScale: { timeVisible: true, tickMarkFormatter: (t: Time) => formatAxisTime(t as number, range, resolution) },
    });
    if (mode === "candles") main.setData(bars.map((b) => ({ time: b.time, open: b.open, high: b.high, low: b.low, close: b.price })));
    else main.setData(bars.map((b) => ({ time: b.time, value: b.price })));
    chart.timeScale().fitContent();
  }, [bars, mode, range, resolution]);

  // The forecast: dashed path and 80/95% bounds as line series continuing the last close to the target dates.
  // Drawn again (and the view refitted to include it) when the forecast or the bars change; a theme switch only
  // recolours the lines below, so the view stays where the person left it.
  const overlayRef = useRef<{ series: ISeriesApi<"Line">; alpha: number | null }[]>([]);
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    for (const { series } of overlayRef.current) chart.removeSeries(series);
    overlayRef.current = [];
    if (!overlay) return;
    const line = (alpha: number | null, style: LineStyle, width: 1 | 2, pts: { date: string; value: number }[]) => {
      const series = chart.addSeries(LineSeries, { lineStyle: style, lineWidth: width, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
      series.setData(pts.map((p) => ({ time: toUnixSeconds(p.date) as ChartBar["time"], value: p.value })));
      overlayRef.current.push({ series, alpha });
    };
    line(0.35, LineStyle.Dotted, 1, overlay.band95.map((b) => ({ date: b.date, value: b.upper })));
    line(0.35, LineStyle.Dotted, 1, overlay.band95.map((b) => ({ date: b.date, value: b.lower })));
    line(0.6, LineStyle.Solid, 1, overlay.band80.map((b) => ({ date: b.date, value: b.upper })));
    line(0.6, LineStyle.Solid, 1, overlay.band80.map((b) => ({ date: b.date, value: b.lower })));
    line(null, LineStyle.Dashed, 2, overlay.path);
    chart.timeScale().fitContent();
  }, [overlay, bars, mode]);

  // Declared after the overlay effect so lines it has just drawn get their colour in the same commit.
  useEffect(() => {
    const sky = dark ? "56, 189, 248" : "2, 132, 199";
    for (const { series, alpha } of overlayRef.current) series.applyOptions({ color: alpha === null ? `rgb(${sky})` : `rgba(${sky}, ${alpha})` });
  }, [overlay, bars, mode, dark]);

  return { containerRef, hovered, visible };
}
