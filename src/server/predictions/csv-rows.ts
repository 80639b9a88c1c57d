// Flat rows of the API's CSV answers: one per symbol, model and horizon for forecasts; one per served
// forecast for history. Column names are snake_case, dates ISO.
import { HORIZON_KEYS } from "@/server/forecast/vocabulary";
import type { HistoryRow, SymbolForecast } from "./types";

export const PREDICTION_COLUMNS = [
  "symbol",
  "model",
  "version",
  "horizon",
  "steps",
  "as_of",
  "target_date",
  "price",
  "change_percent",
  "lower_80",
  "upper_80",
  "lower_95",
  "upper_95",
  "lower_99",
  "upper_99",
  "last_close",
  "source",
  "historical",
  "mae_ratio",
  "coverage_80",
  "coverage_95",
  "origins",
] as const;

export function predictionCsvRows(entries: readonly SymbolForecast[]) {
  return entries.flatMap((e) =>
    e.status !== "ready"
      ? []
      : e.models.flatMap((m) =>
          HORIZON_KEYS.flatMap((h) => {
            const p = m.horizons[h];
            if (!p) return [];
            return [
              {
                symbol: e.symbol,
                model: m.name,
                version: m.version,
                horizon: h,
                steps: p.steps,
                as_of: e.asOf,
                target_date: p.targetDate,
                price: p.price,
                change_percent: p.changePercent,
                lower_80: p.intervals?.["80"][0],
                upper_80: p.intervals?.["80"][1],
                lower_95: p.intervals?.["95"][0],
                upper_95: p.intervals?.["95"][1],
                lower_99: p.intervals?.["99"][0],
                upper_99: p.intervals?.["99"][1],
                last_close: e.lastClose,
                source: e.source,
                historical: e.historical,
                mae_ratio: p.backtest?.maeRatio,
                coverage_80: p.backtest?.coverage80,
                coverage_95: p.backtest?.coverage95,
                origins: p.backtest?.origins,
              },
            ];
          }),
        ),
  );
}

export const HISTORY_COLUMNS = [
  "symbol",
  "model",
  "version",
  "horizon",
  "origin_date",
  "target_date",
  "predicted",
  "lower_80",
  "upper_80",
  "lower_95",
  "upper_95",
  "actual",
  "error_percent",
  "inside_80",
  "inside_95",
] as const;

export const historyCsvRows = (symbol: string, rows: readonly HistoryRow[]) =>
  rows.map((r) => ({
    symbol,
    model: r.model,
    version: r.version,
    horizon: r.horizon,
    origin_date: r.originDate,
    target_date: r.targetDate,
    predicted: r.predicted,
    lower_80: r.lower80,
    upper_80: r.upper80,
    lower_95: r.lower95,
    upper_95: r.upper95,
    actual: r.actual,
    error_percent: r.errorPercent,
    inside_80: r.inside80,
    inside_95: r.inside95,
  }));
