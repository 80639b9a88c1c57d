import "server-only";
// An account's caps (20 watchlists, 20 portfolios, 50 alerts, 10 webhooks, 25 active API keys) are a count and
// an insert. Run one after the other, requests sent at once all counted below the cap and all inserted: on
// Postgres a burst of 28 made 28 watchlists. Here the count and the insert are one transaction that first takes
// the account's row lock (FOR NO KEY UPDATE: the account's other capped creations wait for it; foreign-key
// checks of rows that merely belong to the account, which take KEY SHARE, do not), so the cap holds.
import type { Prisma } from "@/generated/prisma/client";
import { conflict } from "@/lib/errors";
import { getDb } from "@/lib/db";

export type DbTx = Prisma.TransactionClient;

export async function createWithinCap<T>({
  userId,
  cap,
  held,
  refusal,
  create,
}: {
  userId: string;
  cap: number;
  /** How many the account holds now, read inside the lock. */
  held: (tx: DbTx) => Promise<number>;
  /** The 409's message, given the count. */
  refusal: (held: number) => string;
  create: (tx: DbTx) => Promise<T>;
}): Promise<T> {
  const db = await getDb();
  // A burst waits here in turn: a generous wait for a connection and for the lock, so the later requests of a
  // burst are answered (201 or 409), not failed for having queued.
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
      const count = await held(tx);
      if (count >= cap) throw conflict(refusal(count));
      return create(tx);
    },
    { maxWait: 15_000, timeout: 20_000 },
  );
}
