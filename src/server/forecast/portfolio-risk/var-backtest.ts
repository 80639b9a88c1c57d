// The backtest of a VaR/ES forecast from its held-out origins: per level, the exceptions (days the loss went
// past the VaR), the coverage, Kupiec's test, the traffic light over the last window, and how the losses on
// exception days compare with the expected shortfall forecast for them.
import { baselZone, kupiecPof, zoneThresholds, type BaselZone } from "./var-tests";

export interface BacktestRecord {
  date: string;
  /** Realized loss over the horizon as a share of the value (negative = a gain). */
  loss: number;
  figures: { level: number; var: number; es: number }[];
}

export interface LevelBacktest {
  level: number;
  origins: number;
  exceptions: number;
  expectedExceptions: number;
  /** Share of origins whose loss stayed within the VaR (the level is the promise). */
  coverage: number;
  kupiecPValue: number;
  zone: { zone: BaselZone; origins: number; exceptions: number; yellowFrom: number; redFrom: number };
  /** Mean of loss / ES over the exception days (1 = the shortfall forecast was right on average); null without exceptions. */
  esRatio: number | null;
}

export interface HorizonBacktestSummary {
  from: string;
  to: string;
  origins: number;
  levels: LevelBacktest[];
  /** The last `zoneWindow` origins, for a chart: the loss and the VaR per level. */
  recent: { date: string; loss: number; var: number[] }[];
}

export function summarizeBacktest({ records, zoneWindow }: { records: readonly BacktestRecord[]; zoneWindow: number }): HorizonBacktestSummary {
  const n = records.length;
  const recentFrom = Math.max(0, n - zoneWindow);
  const levels = records[0].figures.map((f, j) => {
    let exceptions = 0;
    let zoneExceptions = 0;
    let ratio = 0;
    records.forEach((r, i) => {
      const fig = r.figures[j];
      if (r.loss > fig.var) {
        exceptions++;
        ratio += r.loss / fig.es;
        if (i >= recentFrom) zoneExceptions++;
      }
    });
    const zoneN = n - recentFrom;
    return {
      level: f.level,
      origins: n,
      exceptions,
      expectedExceptions: n * (1 - f.level),
      coverage: 1 - exceptions / n,
      kupiecPValue: kupiecPof({ exceptions, n, level: f.level }).pValue,
      zone: { zone: baselZone({ exceptions: zoneExceptions, n: zoneN, level: f.level }), origins: zoneN, exceptions: zoneExceptions, ...zoneThresholds({ n: zoneN, level: f.level }) },
      esRatio: exceptions ? ratio / exceptions : null,
    };
  });
  return {
    from: records[0].date,
    to: records[n - 1].date,
    origins: n,
    levels,
    recent: records.slice(recentFrom).map((r) => ({ date: r.date, loss: r.loss, var: r.figures.map((f) => f.var) })),
  };
}
