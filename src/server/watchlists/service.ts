// A signed-in person's own named watchlists: several lists, each an ordered list of symbols. The first list
// (lowest position) is the one the home page shows them; visitors see the configured WATCHLIST.
import "server-only";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { createWithinCap } from "@/lib/db/account-cap";
import { AppError, badRequest, conflict, forbidden, notFound } from "@/lib/errors";
import type { Principal } from "@/server/auth";
import { getDaily } from "@/server/market";
import { MAX_WATCHLISTS, type WatchlistList, type WatchlistView } from "./schemas";

const SELECT = { id: true, name: true, symbols: true, position: true, createdAt: true, updatedAt: true } as const;
const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
const NAME_TAKEN = "You already have a watchlist with this name";

/**
 * Refuses a symbol no market source has prices for (a typo like APPL would sit on the list as an empty card).
 * Only symbols not already on the list are looked up, so a list whose old symbol a provider stopped knowing can
 * still be edited; a source that is down (or any other failure of the look-up) refuses nothing.
 */
async function refuseUnknown(symbols: readonly string[], kept: readonly string[] = []): Promise<void> {
  for (const symbol of symbols) {
    if (kept.includes(symbol)) continue;
    try {
      await getDaily({ symbol });
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found") throw badRequest(`${symbol} is not a symbol Stock Hub has prices for`);
      logger.warn("could not check a watchlist symbol; keeping it", { symbol, reason: err instanceof Error ? err.message : String(err) });
    }
  }
}

function ownerOf(principal: Principal): string {
  if (!principal.userId) throw forbidden("Watchlists belong to an account; the admin key has none");
  return principal.userId;
}

export async function listWatchlists({ userId }: { userId: string }): Promise<WatchlistList> {
  const db = await getDb();
  return { watchlists: await db.watchlist.findMany({ where: { userId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: SELECT }) };
}

export async function listWatchlistsFor({ principal }: { principal: Principal }): Promise<WatchlistList> {
  return listWatchlists({ userId: ownerOf(principal) });
}

export async function createWatchlistFor({ principal, name, symbols }: { principal: Principal; name: string; symbols: string[] }): Promise<WatchlistView> {
  const userId = ownerOf(principal);
  await refuseUnknown(symbols);
  let position = 0;
  try {
    return await createWithinCap({
      userId,
      cap: MAX_WATCHLISTS,
      held: async (tx) => {
        const existing = await tx.watchlist.findMany({ where: { userId }, select: { position: true } });
        position = existing.reduce((max, w) => Math.max(max, w.position + 1), 0);
        return existing.length;
      },
      refusal: () => `You have ${MAX_WATCHLISTS} watchlists, the most allowed; delete one first`,
      create: (tx) => tx.watchlist.create({ data: { userId, name, symbols, position }, select: SELECT }),
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(NAME_TAKEN);
    throw err;
  }
}

async function owned(userId: string, id: string): Promise<WatchlistView> {
  const db = await getDb();
  const found = await db.watchlist.findFirst({ where: { id, userId }, select: SELECT });
  // Someone else's list is "not found", not "forbidden": ids are not confirmed to exist.
  if (!found) throw notFound("No watchlist with this id");
  return found;
}

export async function getWatchlistFor({ principal, id }: { principal: Principal; id: string }): Promise<WatchlistView> {
  return owned(ownerOf(principal), id);
}

export async function updateWatchlistFor({ principal, id, name, symbols }: { principal: Principal; id: string; name?: string; symbols?: string[] }): Promise<WatchlistView> {
  const userId = ownerOf(principal);
  const before = await owned(userId, id);
  if (symbols) await refuseUnknown(symbols, before.symbols);
  const db = await getDb();
  try {
    return await db.watchlist.update({ where: { id }, data: { ...(name !== undefined ? { name } : {}), ...(symbols !== undefined ? { symbols } : {}) }, select: SELECT });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(NAME_TAKEN);
    throw err;
  }
}

export async function deleteWatchlistFor({ principal, id }: { principal: Principal; id: string }): Promise<{ deleted: true; id: string }> {
  const userId = ownerOf(principal);
  await owned(userId, id);
  await (await getDb()).watchlist.delete({ where: { id } });
  return { deleted: true, id };
}

/** The symbols the home page shows a signed-in person: their first list, or null to show the configured one. */
export async function homeWatchlist({ userId }: { userId: string }): Promise<{ name: string; symbols: string[] } | null> {
  const db = await getDb();
  const first = await db.watchlist.findFirst({ where: { userId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { name: true, symbols: true } });
  return first;
}
