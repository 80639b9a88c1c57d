import "server-only";
// Provider health for GET /api/status. Live providers are judged from their recent calls; a provider
// with no recent call is probed once and the probe is remembered for a while, so a status page that
// is refreshed often does not spend a free tier's daily quota.
import { readdirSync } from "node:fs";
import { elapsedMs } from "@/lib/health";
import { guardedCall, isMarkedLimited, providerState } from "./guard";
import { PROVIDERS, providerOrder } from "./providers";
import { dataDir, shippedSymbols, shippedTickers } from "./providers/shipped";
import type { ProviderHealth, ProviderName } from "./types";
import { onServicesReset } from "@/lib/services";
import { offlineReason } from "./online";

const RECENT_MS = 5 * 60_000;
const probes = new Map<ProviderName, { at: number; health: ProviderHealth }>();

function shippedHealth(): ProviderHealth {
  const started = performance.now();
  try {
    readdirSync(dataDir());
    const n = shippedSymbols().length;
    shippedTickers();
    const latencyMs = elapsedMs(started);
    return n > 0
      ? { name: "shipped", enabled: true, status: "up", latencyMs, detail: `${n} symbols` }
      : { name: "shipped", enabled: true, status: "down", latencyMs, detail: `no CSV files in ${dataDir()}` };
  } catch (err) {
    return { name: "shipped", enabled: false, status: "down", latencyMs: null, detail: (err as Error).message };
  }
}

async function liveHealth(name: ProviderName): Promise<ProviderHealth> {
  const s = providerState(name);
  const offline = offlineReason();
  if (offline) return { name, enabled: true, status: "down", latencyMs: null, detail: `unreachable: this machine cannot reach the internet (${offline})` };
  if (s.openUntil > Date.now()) {
    return { name, enabled: true, status: "down", latencyMs: s.lastLatencyMs ?? null, detail: `failing (${s.lastError ?? "errors"}); retrying after ${new Date(s.openUntil).toISOString()}` };
  }
  if (await isMarkedLimited(name)) {
    return { name, enabled: true, status: "degraded", latencyMs: s.lastLatencyMs ?? null, detail: "rate limited by the provider" };
  }
  if (s.lastAt && Date.now() - s.lastAt < RECENT_MS && s.lastOutcome) {
    const ok = s.lastOutcome === "ok" || s.lastOutcome === "not_found";
    if (ok) return { name, enabled: true, status: "up", latencyMs: s.lastLatencyMs ?? null };
    if (s.lastOutcome === "skipped_limited") return { name, enabled: true, status: "degraded", latencyMs: s.lastLatencyMs ?? null, detail: "free-tier request budget spent" };
    return { name, enabled: true, status: "degraded", latencyMs: s.lastLatencyMs ?? null, detail: `last call: ${s.lastOutcome}${s.lastError ? ` (${s.lastError})` : ""}` };
  }
  const remembered = probes.get(name);
  if (remembered && Date.now() - remembered.at < RECENT_MS) return remembered.health;
  const started = performance.now();
  let health: ProviderHealth;
  try {
    await guardedCall({ provider: name, op: "health", call: () => PROVIDERS[name].quote("AAPL") });
    health = { name, enabled: true, status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    health = { name, enabled: true, status: "down", latencyMs: Math.round(performance.now() - started), detail: (err as Error).message };
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
      if (!PROVIDERS[name].enabled()) return { name, enabled: false, status: "disabled", latencyMs: null, detail: "no API key configured" };
      return liveHealth(name);
    }),
  );
}
