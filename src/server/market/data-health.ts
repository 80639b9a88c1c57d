import "server-only";
// Which symbols' data was refused, from which source and why: /api/status lists them as degraded. Other
// symbols are untouched. Per process, like the provider health it sits beside.
import { logger } from "@/lib/logger";
import { onServicesReset, processState } from "@/lib/services";
import type { DegradedData } from "./schemas";
import type { ProviderName } from "./types";

export type { DegradedData };

const degraded = processState("market.degraded", () => new Map<string, DegradedData>());
const keyOf = (symbol: string, source: ProviderName) => `${source}:${symbol}`;

export function markDegraded({ symbol, source, reason, servingLastValid = false }: { symbol: string; source: ProviderName; reason: string; servingLastValid?: boolean }): void {
  const key = keyOf(symbol, source);
  const prev = degraded.get(key);
  if (prev?.reason === reason && prev.servingLastValid === servingLastValid) return;
  logger.warn("market data refused", { symbol, source, reason, servingLastValid });
  degraded.set(key, { symbol, source, reason, since: prev?.since ?? new Date().toISOString(), servingLastValid });
}

export function clearDegraded({ symbol, source }: { symbol: string; source: ProviderName }): void {
  if (degraded.delete(keyOf(symbol, source))) logger.info("market data valid again", { symbol, source });
}

export function isDegraded({ symbol }: { symbol: string }): DegradedData | null {
  for (const d of degraded.values()) if (d.symbol === symbol) return d;
  return null;
}

export function degradedData(): DegradedData[] {
  return [...degraded.values()].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.source.localeCompare(b.source));
}

// Tests start over with resetServicesForTests().
onServicesReset(() => degraded.clear());

/** Whether `source`'s last daily answer for `symbol` had rows refused (the bar store then writes nothing from it). */
export function dailyRefused({ symbol, source }: { symbol: string; source: ProviderName }): boolean {
  return degraded.get(keyOf(symbol, source))?.reason.startsWith("daily:") ?? false;
}
