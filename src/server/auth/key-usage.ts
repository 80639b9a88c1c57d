// API-key usage counts and last-used times, gathered in memory and written in batches: a keyed request
// must not cost a database write. Counts are flushed every few seconds, before a key list is read and on
// shutdown; a flush that fails keeps its counts for the next one.
import "server-only";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";

const FLUSH_AFTER_MS = 5_000;
// On globalThis: in the production build the API routes and the pages are separate bundles with their own
// module instances, so module-level state would leave the account page's flush with nothing to write.
type UsageState = {
  pending: Map<string, { count: number; lastUsedAt: Date }>;
  timer?: ReturnType<typeof setTimeout>;
  flushing?: Promise<void>;
};
const g = globalThis as unknown as { __stockHubKeyUsage?: UsageState };
const state: UsageState = (g.__stockHubKeyUsage ??= { pending: new Map() });
const pending = state.pending;

/** Counts one use of a key; the write happens in the next flush. */
export function recordKeyUse({ apiKeyId, at = new Date() }: { apiKeyId: string; at?: Date }): void {
  const entry = pending.get(apiKeyId);
  if (entry) {
    entry.count += 1;
    if (at > entry.lastUsedAt) entry.lastUsedAt = at;
  } else {
    pending.set(apiKeyId, { count: 1, lastUsedAt: at });
  }
  if (!state.timer) {
    state.timer = setTimeout(() => void flushKeyUsage(), FLUSH_AFTER_MS);
    state.timer.unref?.();
  }
}

async function writeBatch(batch: Array<[string, { count: number; lastUsedAt: Date }]>): Promise<void> {
  const db = await getDb();
  for (const [id, { count, lastUsedAt }] of batch) {
    // updateMany: a key deleted meanwhile is simply skipped.
    await db.apiKey.updateMany({ where: { id }, data: { usageCount: { increment: count }, lastUsedAt } });
  }
}

/** Writes every pending count now. */
export async function flushKeyUsage(): Promise<void> {
  if (state.flushing) await state.flushing;
  clearTimeout(state.timer);
  state.timer = undefined;
  if (pending.size === 0) return;
  const batch = [...pending.entries()];
  pending.clear();
  state.flushing = writeBatch(batch)
    .catch((err: unknown) => {
      logger.warn("writing API key usage failed; kept for the next flush", { err, keys: batch.length });
      for (const [apiKeyId, { count, lastUsedAt }] of batch) {
        const entry = pending.get(apiKeyId) ?? { count: 0, lastUsedAt };
        entry.count += count;
        if (lastUsedAt > entry.lastUsedAt) entry.lastUsedAt = lastUsedAt;
        pending.set(apiKeyId, entry);
      }
    })
    .finally(() => {
      state.flushing = undefined;
    });
  await state.flushing;
}
