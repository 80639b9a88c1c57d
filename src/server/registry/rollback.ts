import "server-only";
// POST /api/models/{symbol}/rollback: the active version of one model goes back to the version that was
// active before it. The demoted version is marked rolled_back (so a second rollback goes further back
// rather than flipping between two versions) and the change is recorded in model_rollbacks. A cached forecast
// of the demoted version is not served again: it names other versions than the active ones (predictions/cache.ts).
import { getDb } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import type { Rollback } from "./schemas";

export async function rollbackModel({ symbol, model, userId = null, reason }: { symbol: string; model: string; userId?: string | null; reason?: string }): Promise<Rollback> {
  const sym = symbol.toUpperCase();
  const db = await getDb();
  const active = await db.modelVersion.findFirst({ where: { symbol: sym, model, status: "active" }, orderBy: { trainedAt: "desc" } });
  if (!active) throw notFound(`${sym} has no active ${model} model to roll back`);
  // "retired" versions are the ones a later promotion replaced: exactly the previously active ones.
  const previous = await db.modelVersion.findFirst({
    where: { symbol: sym, model, status: "retired", trainedAt: { lt: active.trainedAt } },
    orderBy: { trainedAt: "desc" },
  });
  if (!previous) throw conflict(`${sym} ${model} has no earlier active version to roll back to`);
  const [, , , entry] = await db.$transaction([
    db.modelVersion.update({ where: { id: active.id }, data: { status: "rolled_back" } }),
    db.modelVersion.updateMany({ where: { symbol: sym, model, status: "active" }, data: { status: "retired" } }),
    db.modelVersion.update({ where: { id: previous.id }, data: { status: "active" } }),
    db.modelRollback.create({ data: { symbol: sym, model, fromVersionId: active.id, toVersionId: previous.id, userId, reason: reason ?? null } }),
  ]);
  return {
    symbol: sym,
    model,
    from: { id: active.id, version: active.version },
    to: { id: previous.id, version: previous.version, trainedTo: previous.trainingTo.toISOString().slice(0, 10) },
    rollbackId: entry.id,
    at: entry.createdAt.toISOString(),
  };
}
