import "server-only";
// Which symbols the daily refresh follows besides the watchlist: the ones someone viewed or trained
// recently. A view costs at most one upsert per symbol an hour per process (and none while only the shipped
// set serves, when there is nothing to refresh); callers fire it and do not wait.
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";
import { liveProvidersEnabled } from "../chain";
import { barStore } from "./store";

const NOTE_EVERY_MS = 60 * 60_000;
const noted = new Map<string, number>();
onServicesReset(() => noted.clear());

/** Records that `symbol` was viewed or trained now; never throws. */
export async function noteInterest({ symbol, kind, now = new Date() }: { symbol: string; kind: "view" | "train"; now?: Date }): Promise<void> {
  if (!liveProvidersEnabled()) return;
  const key = `${kind}:${symbol}`;
  if (now.getTime() - (noted.get(key) ?? 0) < NOTE_EVERY_MS) return;
  noted.set(key, now.getTime());
  try {
    await barStore().noteInterest({ symbol, kind, at: now });
  } catch (err) {
    noted.delete(key);
    logger.warn("symbol interest not recorded", { symbol, kind, err });
  }
}

/** Symbols viewed or trained within `days` of `now`. */
export async function recentSymbols({ days = 14, now = new Date() }: { days?: number; now?: Date } = {}): Promise<string[]> {
  return barStore().interestedSince(new Date(now.getTime() - days * 86_400_000));
}
