// Aggregates component and provider health into one report. Each probe runs in parallel under its
// own timeout, so one slow or hanging dependency shows as "down" instead of stalling the page.
import { elapsedMs, errorMessage, withTimeout, type Health } from "@/lib/health";
import type { DegradedData, ProviderHealth } from "@/server/market";
import type { StatusReport } from "./schemas";

export const COMPONENTS = ["database", "cache", "storage", "queue"] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export type StatusProbes = Record<ComponentName, () => Promise<Health>> & {
  providers: () => Promise<ProviderHealth[]>;
  /** Symbols whose data was refused by validation, with the reason. */
  marketData?: () => DegradedData[];
};

async function probeComponent(name: ComponentName, probe: () => Promise<Health>, timeoutMs: number): Promise<Health> {
  const started = performance.now();
  try {
    return await withTimeout(probe(), { ms: timeoutMs, what: `${name} health check` });
  } catch (err) {
    return { status: "down", backend: "unknown", latencyMs: elapsedMs(started), detail: errorMessage(err) };
  }
}

/**
 * The database is the one hard dependency: without it the app is "down" (HTTP 503). Any other
 * component not "up", or an enabled provider that is failing, makes it "degraded" (still 200):
 * the app keeps serving from fallbacks.
 */
export function overallStatus(components: Record<ComponentName, Health>, providers: ProviderHealth[], providersFailed: boolean): StatusReport["status"] {
  if (components.database.status === "down") return "down";
  const componentTrouble = COMPONENTS.some((c) => components[c].status !== "up");
  const providerTrouble = providersFailed || providers.some((p) => p.enabled && (p.status === "down" || p.status === "degraded"));
  return componentTrouble || providerTrouble ? "degraded" : "up";
}

export async function collectStatus({ probes, timeoutMs = 4000, now = () => new Date() }: { probes: StatusProbes; timeoutMs?: number; now?: () => Date }): Promise<StatusReport> {
  const providersPromise = withTimeout(probes.providers(), { ms: timeoutMs, what: "provider health checks" }).then(
    (list) => ({ ok: true as const, list }),
    (err: unknown) => ({ ok: false as const, error: errorMessage(err) }),
  );
  const [database, cache, storage, queue] = await Promise.all(COMPONENTS.map((c) => probeComponent(c, probes[c], timeoutMs)));
  const providerResult = await providersPromise;
  const components = { database, cache, storage, queue } as Record<ComponentName, Health>;
  const providers = providerResult.ok ? providerResult.list : [];
  const degradedData = probes.marketData?.() ?? [];
  const status = overallStatus(components, providers, !providerResult.ok);
  return { status: status === "up" && degradedData.length ? "degraded" : status, time: now().toISOString(), components, providers, degradedData };
}
