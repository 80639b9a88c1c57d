import "server-only";
// Alert evaluation, one path for every source of new prices: the daily market refresh calls it on the
// sessions' closes (src/server/refresh), and with a live provider the in-session cache warm-up calls it on live
// quotes every 15 minutes. Each switched-on alert is judged on its symbol's newest observation:
// - level alerts (above, below) fire once per crossing: firing disarms them, and an observation on the other
//   side of the level re-arms them (both durable in Postgres, so a restart neither repeats nor loses one);
// - session alerts (a move, a new 52-week high or low, a close outside the served forecast's range) are about
//   one session: they fire at most once a session (the trigger row is unique per alert and session).
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { type Bar, getDaily, getStock, type StockResponse } from "@/server/market";
import { checkCondition, type Observation } from "./conditions";
import { fireAlert } from "./fire";
import { closeObservation, liveObservation } from "./observe";
import { LEVEL_TYPES, type AlertType } from "./schemas";
import { servedRange } from "./served-range";

type BarsLoader = (symbol: string) => Promise<Bar[]>;
type QuoteLoader = (symbol: string) => Promise<StockResponse>;
const dailyBars: BarsLoader = async (symbol) => (await getDaily({ symbol })).bars;
const liveQuote: QuoteLoader = (symbol) => getStock({ symbol });

export interface EvaluationResult {
  /** "close": sessions' closes (the daily refresh); "live": live quotes during a session. */
  on: "close" | "live";
  alerts: number;
  symbols: number;
  fired: number;
  rearmed: number;
  failedSymbols: string[];
}

async function observe({ symbol, on, loadBars, loadQuote }: { symbol: string; on: "close" | "live"; loadBars: BarsLoader; loadQuote: QuoteLoader }): Promise<Observation | null> {
  const bars = await loadBars(symbol);
  if (on === "close") return closeObservation({ symbol, bars });
  return liveObservation({ quote: await loadQuote(symbol), bars });
}

export async function evaluateAlerts({
  on = "close",
  loadBars = dailyBars,
  loadQuote = liveQuote,
  now = new Date(),
}: { on?: "close" | "live"; loadBars?: BarsLoader; loadQuote?: QuoteLoader; now?: Date } = {}): Promise<EvaluationResult> {
  const db = await getDb();
  const alerts = await db.alert.findMany({ where: { active: true }, orderBy: { createdAt: "asc" } });
  const bySymbol = new Map<string, typeof alerts>();
  for (const a of alerts) bySymbol.set(a.symbol, [...(bySymbol.get(a.symbol) ?? []), a]);
  const out: EvaluationResult = { on, alerts: alerts.length, symbols: bySymbol.size, fired: 0, rearmed: 0, failedSymbols: [] };
  for (const [symbol, list] of bySymbol) {
    let obs: Observation | null;
    try {
      obs = await observe({ symbol, on, loadBars, loadQuote });
    } catch (err) {
      logger.warn("alert evaluation: no prices", { symbol, on, err });
      out.failedSymbols.push(symbol);
      continue;
    }
    if (!obs) continue;
    const range = obs.final && list.some((a) => a.type === "outside_interval") ? await servedRange({ symbol, session: obs.session }) : null;
    for (const alert of list) {
      const check = checkCondition({ alert, obs, range });
      if (!check) continue;
      const level = LEVEL_TYPES.includes(alert.type as AlertType);
      if (!check.holds) {
        if (level && !alert.armed) {
          const { count } = await db.alert.updateMany({ where: { id: alert.id, armed: false }, data: { armed: true } });
          out.rearmed += count;
        }
        continue;
      }
      if (level && !alert.armed) continue;
      try {
        if (await fireAlert({ alert, obs, check, now })) out.fired++;
      } catch (err) {
        // Nothing of a failed firing committed: the alert is still armed and the next evaluation tries again.
        logger.error("alert firing failed", { alertId: alert.id, symbol, err });
      }
    }
  }
  if (out.fired || out.rearmed) logger.info("alerts evaluated", { ...out });
  return out;
}
