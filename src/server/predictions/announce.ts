import "server-only";
// prediction.updated: published when a served forecast is stored, with the figures a subscriber needs
// (each model's point forecast and 95% interval per horizon) rather than the whole response.
import { createHash } from "node:crypto";
import { publishEvent } from "@/server/events";
import type { VersionView } from "@/server/registry";
import type { PredictionResult } from "./types";

export async function announcePrediction({ result, versions }: { result: PredictionResult; versions: VersionView[] }): Promise<void> {
  // The same versions forecasting from the same close are the same fact: one id, one delivery per endpoint.
  const key = createHash("sha256").update(versions.map((v) => v.id).sort().join(",")).digest("hex").slice(0, 16);
  await publishEvent({
    type: "prediction.updated",
    id: `evt_pred_${result.symbol}_${result.asOf}_${key}`,
    data: {
      symbol: result.symbol,
      asOf: result.asOf,
      source: result.source,
      historical: result.historical,
      lastClose: result.lastClose,
      generatedAt: result.generatedAt,
      models: result.models.map((m) => ({
        name: m.name,
        version: m.version,
        horizons: Object.fromEntries(
          Object.entries(m.horizons).map(([h, p]) => [h, { targetDate: p!.targetDate, price: p!.price, interval95: p!.intervals?.["95"] ?? null }]),
        ),
      })),
    },
  });
}
