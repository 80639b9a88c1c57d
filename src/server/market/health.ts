import "server-only";
// Provider health for GET /api/status. Live providers are judged from their recent calls; a provider
// with no recent call is probed once and the probe is remembered for a while, so a status page that
// is refreshed often does not spend a free tier's daily quota.
import { readdirSync } from "node:fs";
import { elapsedMs } from "@/lib/health";
import { guardedCall, limitedUntil, providerState } from "./guard";
import { ProviderError } from "./http";
import { PROVIDERS, providerOrder } from "./providers";
import { dataDir, shippedSymbols, shippedTickers } from "./providers/shipped";
import type { ProviderHealth, ProviderName } from "./types";
import { onServicesReset, processState } from "@/lib/services";
import { offlineReason } from "./online";

const RECENT_MS = 5 * 60_000;
const probes = processState("market.health.probes", () => new Map<ProviderName, { at: number; health: ProviderHealth }>());

function shippedHealth(): ProviderHealth {
  const started = performance.now();
  try {
    readdirSync(dataDir());
    const n = shippedSymbols().length;
    shippedTickers();
    const latencyMs = elapsedMs(started);
    return n > 0
      ? { name: "shipped", enabled: true, status: "up", state: "ok", latencyMs, detail: `${n} symbols` }
      : { name: "shipped", enabled: true, status: "down", state: "unreachable", latencyMs, detail: `no CSV files in ${dataDir()}` };
  } catch (err) {
    return { name: "shipped", enabled: false, status: "down", state: "unreachable", latencyMs: null, detail: (err as Error).message };
  }
}

async function liveHealth(name: ProviderName): Promise<ProviderHealth> {
  const s = providerState(name);
  const latencyMs = s.lastLatencyMs ?? null;
  if ((s.keyInvalidUntil ?? 0) > Date.now()) {
    return { name, enabled: true, status: "down", state: "key_invalid", latencyMs, detail: `key invalid: the provider refused the configured key (${s.keyInvalidReason ?? "no detail"})` };
  }
  const offline = offlineReason();
  if (offline) return { name, enabled: true, status: "down", state: "unreachable", latencyMs: null, detail: `unreachable: this machine cannot reach the internet (${offline})` };
  if (s.openUntil > Date.now()) {
    return { name, enabled: true, status: "down", state: "unreachable", latencyMs, detail: `failing (${s.lastError ?? "errors"}); retrying after ${new Date(s.openUntil).toISOString()}` };
  }
  const until = await limitedUntil(name);
  if (until !== null) {
    return { name, enabled: true, status: "degraded", state: "limited", limitedUntil: new Date(until).toISOString(), latencyMs, detail: "rate limited by the provider" };
  }
  if (s.lastAt && Date.now() - s.lastAt < RECENT_MS && s.lastOutcome) {
    // An endpoint outside the key's plan (Finnhub's candles) is skipped; the provider itself is fine.
    if (s.lastOutcome === "ok" || s.lastOutcome === "not_found" || s.lastOutcome === "unsupported") {
      return { name, enabled: true, status: "up", state: "ok", latencyMs, ...(s.lastOutcome === "unsupported" ? { detail: `some endpoints are outside the key's plan (${s.lastError ?? ""})` } : {}) };
    }
    if (s.lastOutcome === "skipped_limited") {
      return { name, enabled: true, status: "degraded", state: "limited", limitedUntil: new Date(s.budgetUntil ?? Date.now() + 60_000).toISOString(), latencyMs, detail: "free-tier request budget spent" };
    }
    return { name, enabled: true, status: "degraded", state: "unreachable", latencyMs, detail: `last call: ${s.lastOutcome}${s.lastError ? ` (${s.lastError})` : ""}` };
  }
  const remembered = probes.get(name);
  if (remembered && Date.now() - remembered.at < RECENT_MS) return remembered.health;
  const started = performance.now();
  let health: ProviderHealth;
  try {
    await guardedCall({ provider: name, op: "health", call: () => PROVIDERS[name].quote("AAPL") });
    health = { name, enabled: true, status: "up", state: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const probeLatency = Math.round(performance.now() - started);
    if (err instanceof ProviderError && err.kind === "config") return liveHealth(name);
    if (err instanceof ProviderError && err.kind === "rate_limited") return liveHealth(name);
    health = { name, enabled: true, status: "down", state: "unreachable", latencyMs: probeLatency, detail: (err as Error).message };
  }
  probes.set(name, { at: Date.now(), health });
  return health;
}

onServicesReset(() => probes.clear());

export async function marketHealth(): Promise<ProviderHealth[]> {
  const order = providerOrder();
  const all: ProviderName[] = [...order, ...(["finnhub", "polygon", "alphavantage"] as const).filter((n) => !order.includes(n))];
  return Promise.all(
    all.map(async (name): Promise<ProviderHealth> => {
      if (name === "shipped") return shippedHealth();
      if (!PROVIDERS[name].enabled()) return { name, enabled: false, status: "disabled", state: "not_configured", latencyMs: null, detail: "no API key configured" };
      return liveHealth(name);
    }),
  );
}
