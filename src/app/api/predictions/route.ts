import { csvResponse, wantsCsv } from "@/lib/csv";
import { preflight, route } from "@/server/route";
import { PREDICTION_COLUMNS, predictionCsvRows, predictionsQuery, servedForecasts } from "@/server/predictions";

// GET /api/predictions?symbols=: the served forecasts of each symbol (default: the watchlist); never starts training
export const GET = route({ name: "/api/predictions", query: predictionsQuery, auth: "user" }, async ({ req, query, principal }) => {
  const predictions = await servedForecasts({ symbols: query.symbols, userId: principal?.userId ?? null });
  if (wantsCsv({ req, format: query.format })) return csvResponse({ columns: PREDICTION_COLUMNS, rows: predictionCsvRows(predictions), filename: "predictions.csv" });
  return { predictions };
});
export const OPTIONS = preflight;
