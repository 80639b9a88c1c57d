import { csvResponse, wantsCsv } from "@/lib/csv";
import { preflight, route } from "@/server/route";
import { HISTORY_COLUMNS, historyCsvRows, historyQuery, predictionHistory, symbolParams } from "@/server/predictions";

// GET /api/predictions/{symbol}/history?days=&model=&horizon=: served forecasts against the actual close, with hit rates
export const GET = route(
  { name: "/api/predictions/[symbol]/history", params: symbolParams, query: historyQuery, auth: "user" },
  async ({ req, params, query }) => {
    const h = await predictionHistory({ symbol: params.symbol, days: query.days, model: query.model, horizon: query.horizon });
    if (wantsCsv({ req, format: query.format })) return csvResponse({ columns: HISTORY_COLUMNS, rows: historyCsvRows(h.symbol, h.rows), filename: `${h.symbol}-history.csv` });
    return h;
  },
);
export const OPTIONS = preflight;
