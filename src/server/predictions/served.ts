import "server-only";
// Forecasts of many symbols at once. Reading (GET /api/predictions) never queues training, as a page
// visit never does; a batch request (POST /api/predictions/batch) is an explicit ask and queues it.
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { HORIZON_KEYS, type HorizonKey } from "@/server/forecast/vocabulary";
import { getWatchlist } from "@/server/market";
import { readyPrediction, requestModels } from "./get-prediction";
import type { PredictionResult, SymbolForecast } from "./types";

/** Keeps only the asked horizons of every model. */
function onlyHorizons(result: PredictionResult, horizons?: readonly HorizonKey[]): PredictionResult {
  if (!horizons?.length) return result;
  const keep = new Set(horizons);
  return {
    ...result,
    models: result.models.map((m) => ({
      ...m,
      horizons: Object.fromEntries(HORIZON_KEYS.filter((h) => keep.has(h) && m.horizons[h]).map((h) => [h, m.horizons[h]])),
    })),
  };
}

function errorEntry(symbol: string, err: unknown): SymbolForecast {
  if (err instanceof AppError) return { symbol, status: "error", error: { code: err.code, message: err.message } };
  logger.error("forecast for one symbol failed", { symbol, err });
  return { symbol, status: "error", error: { code: "internal", message: "The forecast could not be computed" } };
}

const ready = (r: PredictionResult, horizons?: readonly HorizonKey[]): SymbolForecast => {
  const { symbol, ...rest } = onlyHorizons(r, horizons);
  return { symbol, status: "ready", ...rest };
};

const uniqueUpper = (symbols: readonly string[]) => [...new Set(symbols.map((s) => s.toUpperCase()))];

export async function servedForecasts({ symbols, userId = null, horizons }: { symbols?: string[]; userId?: string | null; horizons?: HorizonKey[] }): Promise<SymbolForecast[]> {
  const out: SymbolForecast[] = [];
  for (const symbol of uniqueUpper(symbols?.length ? symbols : getWatchlist())) {
    try {
      const r = await readyPrediction({ symbol, userId });
      out.push(r ? ready(r.body, horizons) : { symbol, status: "untrained" });
    } catch (err) {
      out.push(errorEntry(symbol, err));
    }
  }
  return out;
}

export async function batchForecasts({ symbols, userId = null, horizons }: { symbols: string[]; userId?: string | null; horizons?: HorizonKey[] }): Promise<SymbolForecast[]> {
  const out: SymbolForecast[] = [];
  for (const symbol of uniqueUpper(symbols)) {
    try {
      const r = await requestModels({ symbol, userId });
      out.push(r.status === 200 ? ready(r.body, horizons) : { symbol, status: "queued", job_id: r.body.job_id, poll: r.body.poll });
    } catch (err) {
      out.push(errorEntry(symbol, err));
    }
  }
  return out;
}
