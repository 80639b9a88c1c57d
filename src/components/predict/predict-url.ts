// The /predict view's state lives in its URL (symbols, horizon, history window) so a view can be shared.
import type { HorizonKey } from "@/server/forecast/vocabulary";

export const PREDICT_MAX_SYMBOLS = 6;
export const HISTORY_WINDOWS = [30, 90, 365] as const;

export interface PredictState {
  symbols: string[];
  horizon: HorizonKey;
  days: number;
}

export function predictHref({ symbols, horizon, days }: PredictState): string {
  const q = new URLSearchParams();
  if (symbols.length) q.set("symbols", symbols.join(","));
  q.set("h", horizon);
  q.set("days", String(days));
  return `/predict?${q.toString().replace(/%2C/g, ",")}`;
}
