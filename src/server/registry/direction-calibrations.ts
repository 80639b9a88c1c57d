import "server-only";
// Direction calibrations are measured once per trained version, from the walk-forward backtest the
// training run already computed (on its training thread: directionCalibrations in the engine), stored here,
// and read back beside every recommendation.
import { getDb } from "@/lib/db";
import type { DirectionCalibration, HorizonCalibration, ReliabilityBin } from "@/server/forecast";

/** Stores a version's calibrations, computed by its training thread with the backtest (directionCalibrations). */
export async function recordDirectionCalibrations({ modelVersionId, calibrations }: { modelVersionId: string; calibrations: readonly HorizonCalibration[] }): Promise<number> {
  const rows = calibrations.map((c) => ({ modelVersionId, ...c, reliability: JSON.parse(JSON.stringify(c.reliability)) }));
  if (!rows.length) return 0;
  const db = await getDb();
  await db.directionCalibration.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}

export type StoredCalibration = DirectionCalibration & { modelVersionId: string; horizon: number };

/** Calibrations by version id, then horizon (trading days). */
export async function calibrationsOf({ versionIds }: { versionIds: string[] }): Promise<Map<string, Map<number, StoredCalibration>>> {
  const out = new Map<string, Map<number, StoredCalibration>>();
  if (!versionIds.length) return out;
  const db = await getDb();
  const rows = await db.directionCalibration.findMany({ where: { modelVersionId: { in: versionIds } } });
  for (const r of rows) {
    const byH = out.get(r.modelVersionId) ?? new Map<number, StoredCalibration>();
    byH.set(r.horizon, {
      modelVersionId: r.modelVersionId,
      horizon: r.horizon,
      n: r.n,
      brier: r.brier,
      brierBaseline: r.brierBaseline,
      hitRate: r.hitRate,
      alwaysUpRate: r.alwaysUpRate,
      disagreements: r.disagreements,
      wins: r.wins,
      pValue: r.pValue,
      reliability: r.reliability as unknown as ReliabilityBin[],
    });
    out.set(r.modelVersionId, byH);
  }
  return out;
}
