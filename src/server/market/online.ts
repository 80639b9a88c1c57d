import "server-only";
// Remembers "this machine cannot reach the internet" for a while. Without it every request on an offline
// install would wait for its own DNS failure or connect error (and the guard's retries) before falling back
// to the shipped set; with it, the first failure marks the process offline and every later request skips
// the live providers at once until the mark expires. A probe at start-up (asynchronous, never awaited by
// the first request) sets the mark before anyone asks.
import { lookup } from "node:dns/promises";
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";

/** How long an offline mark lasts before live providers are tried again. */
export const OFFLINE_FOR_MS = 60_000;

/** Error codes that mean "no route to the internet" rather than "this provider is unwell". */
const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "UND_ERR_CONNECT_TIMEOUT"]);

// Process-wide (on globalThis): Next gives the start-up hook, each page and each route bundle their own copy
// of this module, and the mark the start-up probe sets must be seen by all of them (the stock page offered
// 1D on an offline machine because its copy had never seen a failure).
interface OnlineState {
  offline: boolean;
  offlineUntil: number;
  reason: string;
  failedHost: string;
}
const g = globalThis as unknown as { __stockHubOnline?: OnlineState };
const state: OnlineState = (g.__stockHubOnline ??= { offline: false, offlineUntil: 0, reason: "", failedHost: "" });

onServicesReset(() => {
  state.offline = false;
  state.offlineUntil = 0;
  state.reason = "";
  state.failedHost = "";
});

/**
 * Whether live providers may be tried. Once the offline mark expires, a background DNS probe of the host
 * that failed decides (no request pays for it): until it answers, the process stays offline.
 */
export function isOnline(now = Date.now()): boolean {
  if (!state.offline) return true;
  if (now < state.offlineUntil) return false;
  void probeConnectivity(state.failedHost).then((ok) => ok && markOnline());
  return false;
}

/** Why the process is marked offline (for /api/status and logs), or null when it is not. */
export function offlineReason(): string | null {
  return state.offline ? state.reason : null;
}

export function markOffline(why: string, host: string): void {
  if (!state.offline) logger.warn("market data offline: serving the shipped data set", { reason: why, recheckAfterSec: OFFLINE_FOR_MS / 1000 });
  state.offline = true;
  state.offlineUntil = Date.now() + OFFLINE_FOR_MS;
  state.reason = why;
  state.failedHost = host;
}

export function markOnline(): void {
  if (state.offline) logger.info("market data online again");
  state.offline = false;
  state.offlineUntil = 0;
  state.reason = "";
}

/** The system error code of a failed fetch (undici hides it in `cause`), if any. */
function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a failed request failed because the host could not be resolved or reached. */
export function isNetworkFailure(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && NETWORK_CODES.has(code);
}

/** Marks the process offline when `err` is a DNS or connect failure; returns whether it did. */
export function noteNetworkFailure(err: unknown, host: string): boolean {
  if (!isNetworkFailure(err)) return false;
  markOffline(`${host}: ${errorCode(err)}`, host);
  return true;
}

/** Probes in flight, one per host. */
const probing = new Map<string, Promise<boolean>>();
/**
 * Resolves `host` once; a failure marks the process offline. Called without awaiting at start-up so the
 * first page never waits for it.
 */
export function probeConnectivity(host: string, timeoutMs = 3000): Promise<boolean> {
  const running = probing.get(host);
  if (running) return running;
  const p = (async () => {
    try {
      await Promise.race([
        lookup(host),
        new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error("DNS lookup timed out"), { code: "EAI_AGAIN" })), timeoutMs).unref()),
      ]);
      return true;
    } catch (err) {
      noteNetworkFailure(err, host);
      return false;
    } finally {
      probing.delete(host);
    }
  })();
  probing.set(host, p);
  return p;
}
