import "server-only";
// The forecast range an outside_interval alert judges a close against: the forecast served for that session,
// as the predictions flow stored it. Of the forecasts that targeted the session, the newest origin (the
// shortest horizon: the one a person saw last), and of its models the one the pages describe by default: the
// ensemble, else a model other than the naive and drift baseline, else the baseline.
import { getDb } from "@/lib/db";
import type { ServedRange } from "./conditions";

const BASELINE = ["naive", "drift"];

export async function servedRange({ symbol, session }: { symbol: string; session: string }): Promise<ServedRange | null> {
  const target = new Date(`${session}T00:00:00Z`);
  const rows = await (await getDb()).prediction.findMany({
    where: { symbol, targetDate: target, originDate: { lt: target }, lower95: { not: null }, upper95: { not: null } },
    orderBy: [{ originDate: "desc" }, { createdAt: "desc" }],
    take: 50,
  });
  if (rows.length === 0) return null;
  const newest = rows.filter((r) => r.originDate.getTime() === rows[0]!.originDate.getTime());
  const p = newest.find((r) => r.model === "ensemble") ?? newest.find((r) => !BASELINE.includes(r.model)) ?? newest.find((r) => r.model === "naive") ?? newest[0]!;
  return { predictionId: p.id, model: p.model, originDate: p.originDate.toISOString().slice(0, 10), lower95: p.lower95!, upper95: p.upper95! };
}
