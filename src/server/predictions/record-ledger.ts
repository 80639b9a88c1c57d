import "server-only";
// Every served forecast goes to the ledger (model x horizon), from the payload people and clients receive.
// A failure is logged, not thrown: the person still gets the forecast, and the next computation of the same
// forecast appends what is missing (the ledger de-duplicates on its own key, not on the Prediction rows).
import { logger } from "@/lib/logger";
import { HORIZON_KEYS } from "@/server/forecast/vocabulary";
import { appendToLedger, type AppendResult, type LedgerInput } from "@/server/ledger";
import type { PredictionResult } from "./types";

export function ledgerInputs(result: PredictionResult): LedgerInput[] {
  const out: LedgerInput[] = [];
  for (const m of result.models) {
    for (const h of HORIZON_KEYS) {
      const p = m.horizons[h];
      if (!p) continue;
      const iv = p.intervals;
      out.push({
        symbol: result.symbol,
        model: m.name,
        version: m.version,
        horizon: p.steps,
        originDate: result.asOf,
        targetDate: p.targetDate,
        originClose: result.lastClose,
        price: p.price,
        lower80: iv?.["80"][0] ?? null,
        upper80: iv?.["80"][1] ?? null,
        lower95: iv?.["95"][0] ?? null,
        upper95: iv?.["95"][1] ?? null,
        lower99: iv?.["99"][0] ?? null,
        upper99: iv?.["99"][1] ?? null,
        quantiles: p.quantiles?.map((q) => q.price) ?? [],
        source: result.source,
      });
    }
  }
  return out;
}

export async function recordServed({ result, now = new Date() }: { result: PredictionResult; now?: Date }): Promise<AppendResult | null> {
  try {
    return await appendToLedger({ inputs: ledgerInputs(result), now });
  } catch (err) {
    logger.error("served forecast not recorded in the ledger", { symbol: result.symbol, asOf: result.asOf, err });
    return null;
  }
}
