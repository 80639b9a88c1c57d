import "server-only";
// SEC EDGAR's public JSON (keyless, public domain). The SEC asks automated clients for a descriptive
// User-Agent with a contact and at most 10 requests per second; both are enforced here for every request
// this process makes. A DNS or connect failure marks the process offline like any live provider.
import { getEnv } from "@/env";
import { logger } from "@/lib/logger";
import { processState } from "@/lib/services";
import { noteNetworkFailure } from "../online";

/** At most 10 requests per second: request starts are spaced at least this far apart. */
export const MIN_SPACING_MS = 100;
// One spacing per process (every bundle that calls EDGAR shares it).
const slot = processState("market.edgar.slot", () => ({ next: 0 }));

export class EdgarError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(`sec-edgar: ${message}`);
    this.name = "EdgarError";
  }
}

export function edgarUserAgent(): string {
  const contact = getEnv().SEC_CONTACT;
  // The SEC's fair-access policy: name the software and give a way to reach whoever runs it.
  return `StockHub/0.1 (self-hosted market dashboard; ${contact ?? "operator contact not configured"})`;
}

export function edgarEnabled(): boolean {
  return getEnv().secEdgar;
}

async function waitForSlot(): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, slot.next);
  slot.next = at + MIN_SPACING_MS;
  if (at > now) await new Promise((r) => setTimeout(r, at - now));
}

/** GET one EDGAR JSON document (`base` "data" = data.sec.gov, "www" = www.sec.gov). */
export async function edgarJson(base: "data" | "www", path: string): Promise<unknown> {
  const env = getEnv();
  const url = `${(base === "data" ? env.SEC_DATA_URL : env.SEC_WWW_URL).replace(/\/$/, "")}${path}`;
  await waitForSlot();
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { headers: { "User-Agent": edgarUserAgent(), Accept: "application/json" }, signal: AbortSignal.timeout(env.PROVIDER_TIMEOUT_MS), cache: "no-store" });
    text = await res.text();
  } catch (err) {
    noteNetworkFailure(err, new URL(url).hostname);
    throw new EdgarError(`${path}: ${(err as Error)?.message ?? "network error"}`);
  }
  if (res.status === 404) return null;
  if (!res.ok) {
    // 403 is what the SEC answers a request without an acceptable User-Agent (or over the rate limit).
    if (res.status === 403) logger.warn("SEC EDGAR refused the request: check the contact setting", { path, status: res.status });
    throw new EdgarError(`${path}: HTTP ${res.status}`, res.status);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EdgarError(`${path}: body is not JSON (${text.slice(0, 60).replace(/\s+/g, " ")})`);
  }
}
