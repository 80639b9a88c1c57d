import { csvResponse, wantsCsv } from "@/lib/csv";
import { preflight, route } from "@/server/route";
import { RECOMMENDATION_COLUMNS, recommendationCsvRows, recommendations } from "@/server/recommendations";
import { recommendationsQuery } from "@/server/predictions";

// GET /api/recommendations?symbols=: per symbol and horizon, probability up, measured skill and a no_edge-unless-significant signal
export const GET = route({ name: "/api/recommendations", query: recommendationsQuery, auth: "user" }, async ({ req, query }) => {
  const r = await recommendations({ symbols: query.symbols });
  if (wantsCsv({ req, format: query.format })) return csvResponse({ columns: RECOMMENDATION_COLUMNS, rows: recommendationCsvRows(r), filename: "recommendations.csv" });
  return r;
});
export const OPTIONS = preflight;
