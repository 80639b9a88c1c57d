// Scoring one ledger entry against the realised close, with the engine's own scores (Winkler interval score,
// CRPS from the served quantiles) so the track record and the walk-forward figures mean the same thing. Every
// score is in % of the entry's origin close; the naive forecast (the origin close itself) is scored beside.
import { crpsFromQuantiles, QUANTILE_LEVELS, winklerScore } from "@/server/forecast";
import type { LedgerFields } from "./chain";

export interface EntryScore {
  actualClose: number;
  inside80: boolean | null;
  inside95: boolean | null;
  winkler80: number | null;
  winkler95: number | null;
  crps: number | null;
  absError: number;
  naiveAbsError: number;
}

type Scored = Pick<LedgerFields, "originClose" | "price" | "lower80" | "upper80" | "lower95" | "upper95" | "quantiles">;

/**
 * `ratio` is close at the target session over close at the origin session in today's series: applied to the
 * recorded origin close it gives the actual close in the units the forecast was made in, so a split or a
 * revised adjustment between the two days does not read as a forecast error.
 */
export function scoreEntry({ entry, ratio }: { entry: Scored; ratio: number }): EntryScore {
  const c0 = entry.originClose;
  const y = c0 * ratio;
  const pct = (x: number) => (100 * x) / c0;
  const interval = (lower: number | null, upper: number | null, alpha: number) =>
    lower === null || upper === null ? { inside: null, winkler: null } : { inside: y >= lower && y <= upper, winkler: pct(winklerScore({ lower, upper, y, alpha })) };
  const i80 = interval(entry.lower80, entry.upper80, 0.2);
  const i95 = interval(entry.lower95, entry.upper95, 0.05);
  const crps = entry.quantiles.length === QUANTILE_LEVELS.length ? pct(crpsFromQuantiles({ levels: QUANTILE_LEVELS, quantiles: entry.quantiles, y })) : null;
  return {
    actualClose: y,
    inside80: i80.inside,
    inside95: i95.inside,
    winkler80: i80.winkler,
    winkler95: i95.winkler,
    crps,
    absError: pct(Math.abs(y - entry.price)),
    naiveAbsError: pct(Math.abs(y - c0)),
  };
}
