import "server-only";
// One "find the symbol's job, else start one" at a time per symbol. Two people asking for a symbol at the
// same moment must end in one training: in this process a queue of waiters; across processes on one Postgres
// (the hosted shape runs several) a transaction-scoped advisory lock as well, so the second asker finds the
// job the first one created. The embedded database is one process's alone: the local queue suffices.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";

const queues = new Map<string, Promise<void>>();

/** Runs fn after every earlier caller with the same key has finished (this process only). */
async function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  queues.set(key, tail);
  await before;
  try {
    return await fn();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

async function withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const db = await getDb();
  // The lock is held by the transaction's connection until it ends while fn's queries use others: one such
  // transaction per process at a time (the key "*" below) keeps a batch of symbols from taking the whole pool.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
      return fn();
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

export function withSymbolLock<T>({ scope, symbol }: { scope: string; symbol: string }, fn: () => Promise<T>): Promise<T> {
  const key = `stock-hub:${scope}:${symbol.toUpperCase()}`;
  return getEnv().DATABASE_URL ? inTurn("*", () => withAdvisoryLock(key, fn)) : inTurn(key, fn);
}
